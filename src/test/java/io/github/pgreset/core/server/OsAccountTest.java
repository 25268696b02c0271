package io.github.pgreset.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** As root, the account PostgreSQL runs as and the program that switches to it, chosen before anything is made. */
class OsAccountTest {
    @TempDir
    Path bin;

    private Path executable(String name) throws IOException {
        Path program = bin.resolve(name);
        Files.writeString(program, "#!/bin/sh\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        return program;
    }

    @Test
    void runuserIsPreferredToSu() throws IOException {
        Path su = executable("su");
        assertThat(OsAccount.forRoot("root", List.of(bin))).isEqualTo(new OsAccount("root", java.util.Optional.of(su)));
        Path runuser = executable("runuser");
        OsAccount account = OsAccount.forRoot(" root ", List.of(bin));
        assertThat(account.switcher()).contains(runuser);
        assertThat(account.name()).isEqualTo("root");
        assertThat(account.switches()).isTrue();
        assertThat(OsAccount.buildUser().switches()).isFalse();
    }

    @Test
    void anAccountThatDoesNotExistIsRefusedWithTheSettingToUse() throws IOException {
        executable("runuser");
        PgResetException refused = catchThrowableOfType(
                () -> OsAccount.forRoot("no-such-account-pgreset", List.of(bin)), PgResetException.class);
        assertThat(refused.problem()).isEqualTo(Problem.LOCAL_SERVER);
        assertThat(refused.getMessage())
                .contains("the account \"no-such-account-pgreset\" does not exist", "pgreset.serverAccount");
    }

    @Test
    void withoutRunuserOrSuTheFixIsNamed() {
        PgResetException refused =
                catchThrowableOfType(() -> OsAccount.forRoot("root", List.of(bin)), PgResetException.class);
        assertThat(refused.getMessage()).contains("neither runuser nor su", "util-linux", "\"root\"");
    }

    @Test
    void theSearchPathAddsTheSbinFoldersRootsPathMayLack() {
        assertThat(OsAccount.searchPath("/opt/bin::/usr/local/bin"))
                .containsExactly(
                        Path.of("/opt/bin"),
                        Path.of("/usr/local/bin"),
                        Path.of("/usr/sbin"),
                        Path.of("/sbin"),
                        Path.of("/usr/bin"),
                        Path.of("/bin"));
        assertThat(OsAccount.searchPath(null)).hasSize(4);
        assertThat(OsAccount.shellWord("it's")).isEqualTo("'it'\\''s'");
    }
}
