package gomikrobot.gateway;

import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.Timeline;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** A real SQLite timeline in a temp folder and a real server with one API mounted; close it to stop both. */
final class StoreFixture implements AutoCloseable {
    final Clock clock = Clock.systemUTC();
    final Ids ids = new Ids(clock);
    final Database db;
    final Timeline timeline;
    final TestServer server;

    StoreFixture(Path dir, BiConsumer<Timeline, Router> mount) throws IOException {
        this.db = Database.open(dir.resolve("timeline.db"), Log.quiet());
        this.timeline = Timeline.open(db, clock, ids);
        Consumer<Router> routes = router -> mount.accept(timeline, router);
        this.server = TestServer.start(routes);
    }

    @Override
    public void close() {
        server.close();
        db.close();
    }
}
