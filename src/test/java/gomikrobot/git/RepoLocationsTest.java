package gomikrobot.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoLocationsTest {
    @TempDir
    Path tmp;
    private Path home;
    private Path searchRoot;
    private RepoLocations locations;

    @BeforeEach
    void setUp() throws Exception {
        home = Files.createDirectories(tmp.resolve("home"));
        searchRoot = Files.createDirectories(tmp.resolve("src"));
        locations = new RepoLocations(home, home.resolve(".gomikrobot"), () -> Optional.of(searchRoot));
    }

    private String refusal(Path path) {
        RepoRefusal refusal = locations.check(path).orElseThrow(() -> new AssertionError(path + " was allowed"));
        assertEquals(RepoRefusal.Kind.OUTSIDE_ALLOWED_FOLDERS, refusal.kind());
        return refusal.message();
    }

    @Test
    void subFoldersOfTheHomeAndTheSearchRootAreAllowed() {
        assertEquals(Optional.empty(), locations.check(home.resolve("GoMikroBot-Workspace")));
        assertEquals(Optional.empty(), locations.check(home.resolve("projects/new/deep")));
        assertEquals(Optional.empty(), locations.check(searchRoot.resolve("service")));
    }

    @Test
    void theRootSystemFoldersAndTheHomesParentAreRefused() throws Exception {
        assertEquals("/ is the root folder", refusal(Path.of("/")));
        assertEquals("/etc is in the system folder /etc", refusal(Path.of("/etc")));
        assertEquals("/usr/local/share/x is in the system folder /usr", refusal(Path.of("/usr/local/share/x")));
        assertTrue(refusal(tmp).startsWith(tmp + " contains the GoMikroBot home"), refusal(tmp));
        assertTrue(refusal(home).startsWith(home + " contains the GoMikroBot home"), refusal(home));
        assertTrue(refusal(tmp.resolve("elsewhere")).contains("is not inside your home (" + home.toRealPath()
                + ") or default_repo_search_path (" + searchRoot.toRealPath() + ")"), refusal(tmp.resolve("elsewhere")));
    }

    @Test
    void theGomikrobotHomeAndWhatIsInItAreRefused() {
        assertTrue(refusal(home.resolve(".gomikrobot")).contains(" is in the GoMikroBot home "));
        assertTrue(refusal(home.resolve(".gomikrobot/whatsapp")).contains(" is in the GoMikroBot home "));
    }

    @Test
    void symlinksAndDotDotAreJudgedByWhereTheyLead() throws Exception {
        Path link = Files.createSymbolicLink(home.resolve("etc-link"), Path.of("/etc"));
        assertTrue(refusal(link.resolve("new")).contains("in the system folder /etc"));
        assertTrue(refusal(home.resolve("projects/../../elsewhere")).contains("is not inside your home"));
        Path dangling = Files.createSymbolicLink(home.resolve("dangling"), tmp.resolve("nowhere/x"));
        assertTrue(refusal(dangling.resolve("repo")).contains("cannot be resolved"));
    }
}
