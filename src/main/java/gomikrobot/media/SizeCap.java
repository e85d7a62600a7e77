package gomikrobot.media;

import java.util.Locale;

/**
 * The largest attachment a channel saves, and the setting that says so ({@code channels.whatsapp.maxMediaBytes}),
 * so the failure a too large file gets names what to change.
 */
public record SizeCap(long bytes, String setting) {

    public SizeCap {
        if (bytes <= 0) {
            throw new IllegalArgumentException("media size cap must be positive: " + bytes);
        }
    }

    /** The failure for a file of {@code size} bytes (announced or seen so far), or -1 when only "more" is known. */
    public MediaFailure exceeded(long size) {
        String what = size < 0 ? "the attachment is larger than " : "the attachment has " + inUnits(size)
                + ", more than ";
        return new MediaFailure(what + inUnits(bytes) + " (" + setting + ")");
    }

    /** {@code 33554432} -> {@code 32 MiB}, {@code 1536} -> {@code 1.5 KiB}. */
    public static String inUnits(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        if (unit == 0) {
            return bytes + " bytes";
        }
        String number = String.format(Locale.ROOT, "%.1f", value);
        return (number.endsWith(".0") ? number.substring(0, number.length() - 2) : number) + " " + units[unit];
    }
}
