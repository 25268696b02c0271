package io.github.pgreset.core.session;

import io.github.pgreset.core.connection.DatabaseName;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders sessions as a psql-like table, one line per session: long values are cut, never wrapped, so the table
 * stays readable in a plain CI log.
 */
public final class SessionTable {
    private static final int MAX_TEXT = 30;
    private static final int MAX_QUERY = 60;

    private record Column(String title, Function<Session, String> value, int max) {}

    private SessionTable() {}

    /** The header, a rule and one line per session. */
    public static List<String> render(List<Session> sessions, OffsetDateTime now) {
        List<Column> columns = List.of(
                new Column("pid", s -> String.valueOf(s.pid()), MAX_TEXT),
                new Column("user", Session::user, MAX_TEXT),
                new Column("application", Session::applicationName, MAX_TEXT),
                new Column("client", s -> s.clientAddress() == null ? "local" : s.clientAddress(), 39),
                new Column("state", Session::state, MAX_TEXT),
                new Column("connected", s -> age(s.backendStart(), now), MAX_TEXT),
                new Column("in state", s -> age(s.stateChange(), now), MAX_TEXT),
                new Column("wait", Session::waitEvent, MAX_TEXT),
                new Column("query", Session::query, MAX_QUERY));
        List<String[]> cells = new ArrayList<>();
        for (Session session : sessions) {
            String[] row = new String[columns.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = oneLine(
                        columns.get(i).value().apply(session), columns.get(i).max());
            }
            cells.add(row);
        }
        int[] widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = columns.get(i).title().length();
            for (String[] row : cells) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(line(columns.stream().map(Column::title).toArray(String[]::new), widths));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
        }
        lines.add(rule.toString());
        for (String[] row : cells) {
            lines.add(line(row, widths));
        }
        return lines;
    }

    /** {@code 3 sessions on "chat": 2 idle, 1 active} or {@code No sessions on "chat"}. */
    public static String summary(DatabaseName database, List<Session> sessions) {
        if (sessions.isEmpty()) {
            return "No sessions on \"" + database + "\"";
        }
        Map<String, Integer> byState = new LinkedHashMap<>();
        sessions.stream()
                .map(s -> s.state() == null || s.state().isBlank() ? "not visible" : s.state())
                .forEach(state -> byState.merge(state, 1, Integer::sum));
        StringBuilder text = new StringBuilder()
                .append(sessions.size())
                .append(sessions.size() == 1 ? " session" : " sessions")
                .append(" on \"")
                .append(database)
                .append("\": ");
        byState.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEachOrdered(e ->
                        text.append(e.getValue()).append(' ').append(e.getKey()).append(", "));
        return text.substring(0, text.length() - 2);
    }

    /** Whitespace runs folded to one space, cut to {@code max} characters with an ellipsis. */
    public static String oneLine(String text, int max) {
        if (text == null) {
            return "";
        }
        String folded = text.strip().replaceAll("\\s+", " ");
        return folded.length() <= max ? folded : folded.substring(0, max - 1) + "…";
    }

    /** {@code 45s}, {@code 3m 12s}, {@code 2h 5m}, {@code 3d 4h}. */
    static String age(OffsetDateTime since, OffsetDateTime now) {
        if (since == null) {
            return "";
        }
        Duration d = Duration.between(since, now);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        } else if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        } else if (s < 86400) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        return s / 86400 + "d " + s % 86400 / 3600 + "h";
    }

    private static String line(String[] row, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            text.append(i == 0 ? "" : " | ");
            text.append(
                    i == 0
                            ? " ".repeat(widths[i] - row[i].length()) + row[i]
                            : pad(row[i], widths[i], i == row.length - 1));
        }
        return text.toString().stripTrailing();
    }

    private static String pad(String text, int width, boolean last) {
        return last ? text : text + " ".repeat(width - text.length());
    }
}
