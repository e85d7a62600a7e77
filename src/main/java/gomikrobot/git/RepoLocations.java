package gomikrobot.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Where the dashboard may put a repository (the work repo, the identity repo): in a sub-folder of the user's
 * home or of setting {@code default_repo_search_path}, and never at {@code /}, in a system folder, or in or
 * above the GoMikroBot home. Judged on real paths (for a folder not yet created, its nearest existing
 * ancestor's), so neither {@code ..} nor a symlink leads elsewhere. The configuration file is the owner's and
 * is not judged here.
 */
public final class RepoLocations {
    private static final List<Path> SYSTEM_FOLDERS = Stream.of("/bin", "/boot", "/dev", "/etc", "/lib", "/lib32",
            "/lib64", "/libx32", "/proc", "/run", "/sbin", "/sys", "/usr", "/var", "/private", "/System", "/Library")
            .map(Path::of).toList();

    private final Path userHome;
    private final Path gomikrobotHome;
    private final Supplier<Optional<Path>> searchRoot;

    /** @param searchRoot setting {@code default_repo_search_path}, asked on every check */
    public RepoLocations(Path userHome, Path gomikrobotHome, Supplier<Optional<Path>> searchRoot) {
        this.userHome = userHome;
        this.gomikrobotHome = gomikrobotHome;
        this.searchRoot = searchRoot;
    }

    /** Why {@code folder} may not hold a repository, or empty when it may. */
    public Optional<RepoRefusal> check(Path folder) {
        Optional<Path> resolved = realOrNearest(folder);
        if (resolved.isEmpty()) {
            return outside(folder + " cannot be resolved (a dangling symlink, or a folder that cannot be read)");
        }
        Path real = resolved.get();
        if (real.getNameCount() == 0) {
            return outside(folder + " is the root folder");
        }
        for (Path system : SYSTEM_FOLDERS) {
            if (real.startsWith(system)) {
                return outside(folder + " is in the system folder " + system);
            }
        }
        Path home = realOrName(gomikrobotHome);
        if (real.startsWith(home) || home.startsWith(real)) {
            return outside(folder + (real.startsWith(home) ? " is in" : " contains") + " the GoMikroBot home " + home);
        }
        List<Path> bases = new ArrayList<>(List.of(realOrName(userHome)));
        searchRoot.get().map(RepoLocations::realOrName).ifPresent(bases::add);
        if (bases.stream().anyMatch(base -> real.startsWith(base) && !real.equals(base))) {
            return Optional.empty();
        }
        return outside(folder + " is not inside your home (" + bases.getFirst() + ")"
                + (bases.size() > 1 ? " or default_repo_search_path (" + bases.get(1) + ")" : "")
                + "; choose a folder there, or set default_repo_search_path to the folder that holds your repositories");
    }

    private static Optional<RepoRefusal> outside(String message) {
        return Optional.of(new RepoRefusal(RepoRefusal.Kind.OUTSIDE_ALLOWED_FOLDERS, message));
    }

    /**
     * The real path of the nearest existing ancestor with the missing rest appended, or empty when that
     * ancestor cannot be resolved (a dangling symlink).
     */
    private static Optional<Path> realOrNearest(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing.getParent() != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        try {
            return Optional.of(existing.toRealPath().resolve(existing.relativize(absolute)).normalize());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A reference folder (a home, the search root) as real as it gets; its name when it cannot be resolved. */
    private static Path realOrName(Path path) {
        return realOrNearest(path).orElse(path.toAbsolutePath().normalize());
    }
}
