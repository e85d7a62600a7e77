package gomikrobot.backup;

import java.util.Locale;

/** Byte counts for people: "512 B", "3.4 KiB", "120.0 MiB". */
public final class ByteCount {
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private ByteCount() {
    }

    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
