package gomikrobot.config;

/** One OpenAI-compatible endpoint. {@code apiKey} is a secret: never log it, print it only via {@link #redactedKey()}. */
public record ProviderConfig(String apiKey, String apiBase) {

    public boolean hasKey() {
        return apiKey != null && !apiKey.isBlank();
    }

    /** "sk-…abcd" style: enough to recognise a key, not enough to use it. */
    public String redactedKey() {
        if (!hasKey()) {
            return "(none)";
        }
        String k = apiKey.strip();
        return k.length() <= 8 ? "****" : k.substring(0, 3) + "…" + k.substring(k.length() - 4);
    }

    @Override
    public String toString() {
        return "ProviderConfig[apiKey=" + redactedKey() + ", apiBase=" + apiBase + "]";
    }
}
