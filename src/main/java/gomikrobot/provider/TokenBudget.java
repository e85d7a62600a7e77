package gomikrobot.provider;

import java.util.Optional;

/**
 * The day's token allowance that every paid provider call is checked against ({@link BudgetedProvider}), and
 * where tokens that no task accounts for (embeddings) are counted.
 */
public interface TokenBudget {
    /** Never spent, counts nothing: for tests and tools that make no paid calls. */
    TokenBudget UNLIMITED = new TokenBudget() {
        @Override
        public Optional<Spent> spent() {
            return Optional.empty();
        }

        @Override
        public void charge(Usage usage) {
            // nothing is limited, so nothing needs counting
        }
    };

    /** Empty while calls may be made; the day's figures once the limit is reached. */
    Optional<Spent> spent();

    /** Counts the tokens of a call no task records. */
    void charge(Usage usage);

    /** A reached limit: {@code used} tokens today against {@code limit}. */
    record Spent(long used, long limit) {
        /** "15/10 tokens used today". */
        public String figures() {
            return used + "/" + limit + " tokens used today";
        }
    }
}
