package gomikrobot.approval;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An owner channel that keeps what the owner was told, for tests to read and answer. */
final class RecordingOwner implements OwnerChannel {
    private static final Pattern CODE = Pattern.compile("Reply `yes ([0-9a-f]{4})`");

    final List<String> told = new CopyOnWriteArrayList<>();
    private final String name;

    RecordingOwner(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean tell(String text) {
        told.add(text);
        return true;
    }

    /** The code of the newest question the owner was asked, if any. */
    Optional<String> lastCode() {
        for (String text : told.reversed()) {
            Matcher m = CODE.matcher(text);
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }
}
