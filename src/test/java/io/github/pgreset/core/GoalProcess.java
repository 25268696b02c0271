package io.github.pgreset.core;

import io.github.pgreset.core.connection.ProgressListener;
import io.github.pgreset.core.connection.ServerVersion;
import io.github.pgreset.core.drop.CreateOptions;
import io.github.pgreset.core.drop.DropOptions;
import io.github.pgreset.core.snapshot.SnapshotOptions;
import io.github.pgreset.testing.PgServer;
import java.time.Duration;
import java.util.Set;

/**
 * One goal in a JVM of its own, as {@code mvn pgreset:<goal>} runs it, for the tests that kill a goal part-way
 * ({@link KillIT}). Arguments: server version, host, port, user, goal, database; the password, if any, in the
 * environment variable {@value #PASSWORD_VARIABLE} (an embedded server has none). Prints what the goal says, then
 * {@code done}.
 */
public final class GoalProcess {
    static final String PASSWORD_VARIABLE = "PGRESET_GOAL_PASSWORD";

    private GoalProcess() {}

    public static void main(String[] args) {
        PgServer server = new PgServer(
                ServerVersion.parse(args[0]),
                args[1],
                Integer.parseInt(args[2]),
                args[3],
                System.getenv(PASSWORD_VARIABLE),
                "kill test");
        String goal = args[4];
        String database = args[5];
        ResetService service = new ResetService(
                new ResetSettings(server.target(database), Duration.ofSeconds(60), false, server.safety(Set.of())),
                new ProgressListener() {
                    @Override
                    public void info(String message) {
                        System.out.println(message);
                    }

                    @Override
                    public void debug(String message) {}
                });
        switch (goal) {
            case "snapshot" -> service.snapshot(SnapshotOptions.DEFAULTS);
            case "restore" -> {
                service.restore(DropOptions.defaults(), SnapshotOptions.DEFAULTS);
                NextCopy.start(service, SnapshotOptions.DEFAULTS).await(Duration.ofSeconds(60));
            }
            case "drop" -> service.drop(DropOptions.defaults());
            case "recreate" -> service.recreate(DropOptions.defaults(), CreateOptions.defaults());
            default -> throw new IllegalArgumentException(goal);
        }
        System.out.println("done");
    }
}
