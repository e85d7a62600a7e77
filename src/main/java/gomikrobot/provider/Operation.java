package gomikrobot.provider;

/** The provider calls, each with the name its error messages start with. */
enum Operation {
    CHAT("LLM"),
    EMBEDDINGS("Embeddings"),
    TRANSCRIPTION("Transcription"),
    SPEECH("Speech"),
    MODELS("Model list");

    private final String label;

    Operation(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

}
