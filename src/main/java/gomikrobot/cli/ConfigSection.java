package gomikrobot.cli;

import gomikrobot.config.ConfigFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One section of {@code config.json}'s document ({@code channels.whatsapp}) as a setup command reads and writes
 * it: a key that is missing or of the wrong type, even a section of the wrong shape, reads as the default the
 * command offers (writing reports a wrong shape); everything else in the document is left as it is.
 */
record ConfigSection(Map<String, Object> doc, String section) {

    boolean bool(String key) {
        return Boolean.TRUE.equals(value(key));
    }

    String string(String key) {
        return value(key) instanceof String s ? s : "";
    }

    long number(String key) {
        return value(key) instanceof Number n ? n.longValue() : 0;
    }

    List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        if (value(key) instanceof List<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(out::add);
        }
        return out;
    }

    void set(String key, Object value) {
        ConfigFile.set(doc, section + "." + key, value);
    }

    private Object value(String key) {
        try {
            return ConfigFile.get(doc, section + "." + key);
        } catch (IllegalArgumentException e) {
            return null; // a section of the wrong shape: the default is offered, and set reports it on write
        }
    }
}
