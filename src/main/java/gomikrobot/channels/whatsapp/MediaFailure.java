package gomikrobot.channels.whatsapp;

import java.util.Locale;

/**
 * Why one attachment could not be downloaded, in words for the agent and the timeline ("the MAC does not match").
 * An expected outcome, so it carries no stack trace.
 */
final class MediaFailure extends Exception {
    MediaFailure(String reason) {
        super(reason, null, false, false);
    }

    /** Over the size cap; {@code size} is what was announced or seen so far, or -1 when only "more" is known. */
    static MediaFailure tooLarge(long size, long limit) {
        String what = size < 0 ? "the attachment is larger than " : "the attachment has " + inUnits(size)
                + ", more than ";
        return new MediaFailure(what + inUnits(limit) + " (channels.whatsapp.maxMediaBytes)");
    }

    /** {@code 33554432} -> {@code 32 MiB}, {@code 1536} -> {@code 1.5 KiB}. */
    static String inUnits(long bytes) {
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
