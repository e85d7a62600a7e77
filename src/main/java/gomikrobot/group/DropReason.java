package gomikrobot.group;

import java.util.Locale;

/** Why a received record was not acted on; the label of the dropped-records metric. */
public enum DropReason {
    /** Not a JSON envelope we can read. */
    MALFORMED,
    /** No signature at all. */
    UNSIGNED,
    /** A signature that the group's secret did not make (a stranger, a changed record, another group). */
    BAD_SIGNATURE,
    /** Older (or further in the future) than the replay window allows. */
    STALE,
    /** Its id was seen before: a replay. */
    REPLAYED,
    /** Signed, but claiming to come from or for someone it may not (an answer from a member not asked). */
    NOT_PERMITTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
