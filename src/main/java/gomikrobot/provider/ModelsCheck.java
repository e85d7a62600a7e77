package gomikrobot.provider;

import java.util.List;

/**
 * The verdict on an API key from {@code GET /models}: accepted (with the model ids the server offers) or
 * rejected with 401/403. Anything else (server down, 5xx) is not a verdict and ends in a {@link ProviderException}.
 */
public sealed interface ModelsCheck {
    record Accepted(List<String> modelIds) implements ModelsCheck {
        public Accepted {
            modelIds = List.copyOf(modelIds);
        }
    }

    /** {@code reason}: the server's own words (with its error code and type), never prefixed with the status. */
    record Rejected(int status, String reason) implements ModelsCheck {
    }
}
