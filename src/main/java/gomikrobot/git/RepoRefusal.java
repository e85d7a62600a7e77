package gomikrobot.git;

/** Why a folder cannot be (or become) a repository of the dashboard; {@code message} names the folder. */
public record RepoRefusal(Kind kind, String message) {
    public enum Kind {
        /** at {@code /}, in a system folder, in or above the GoMikroBot home, or outside the allowed folders */
        OUTSIDE_ALLOWED_FOLDERS,
        /** an existing folder with content that is not a git repository, and nobody asked to make it one */
        NOT_A_REPOSITORY,
        /** a file where the folder should be, or the folder cannot be created */
        CANNOT_CREATE
    }
}
