package org.chaperone.scheduling;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The PostgreSQL driver, recording every request the application sends to the server, grouped by transaction:
 * each statement executed, each JDBC batch (sent by the driver in one go, so one round trip whatever its size),
 * and each commit or rollback. Used by the tests as {@code %test.quarkus.datasource.jdbc.driver}, so that a test
 * can ask how many round trips a use case made. It sees what goes through JDBC only: the driver's own occasional
 * type look-ups are not counted.
 */
public class JdbcRoundTrips implements Driver {

    private static final Driver POSTGRES = new org.postgresql.Driver();
    private static final List<Transaction> COMPLETED = new ArrayList<>();

    /** One transaction's requests, in order: SQL text, "batch of n: SQL", "commit" or "rollback". */
    public record Transaction(int index, String thread, List<String> requests) {

        public int roundTrips() {
            return requests.size();
        }

        public boolean mentions(String text) {
            return requests.stream().anyMatch(r -> r.contains(text));
        }

        @Override
        public String toString() {
            return roundTrips() + " round trips on " + thread + ":\n  " + String.join("\n  ", requests);
        }
    }

    /** Where the record stands now; pass it to {@link #since} to see what happened after. */
    public static int mark() {
        synchronized (COMPLETED) {
            return COMPLETED.size();
        }
    }

    /** Transactions completed after the mark that match. */
    public static List<Transaction> since(int mark, Predicate<Transaction> match) {
        synchronized (COMPLETED) {
            return COMPLETED.subList(mark, COMPLETED.size()).stream().filter(match).toList();
        }
    }

    private static void completed(String thread, List<String> requests) {
        synchronized (COMPLETED) {
            COMPLETED.add(new Transaction(COMPLETED.size(), thread, List.copyOf(requests)));
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        Connection connection = POSTGRES.connect(url, info);
        return connection == null ? null : proxy(connection, new ConnectionRecorder(connection));
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return POSTGRES.acceptsURL(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return POSTGRES.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return POSTGRES.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return POSTGRES.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
        return POSTGRES.jdbcCompliant();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return POSTGRES.getParentLogger();
    }

    /** One physical connection: its open transaction's requests. */
    private static final class ConnectionRecorder implements InvocationHandler {
        private final Connection connection;
        private final List<String> requests = new ArrayList<>();
        private boolean autoCommit = true;
        private String thread;

        ConnectionRecorder(Connection connection) {
            this.connection = connection;
        }

        synchronized void sent(String request) {
            if (requests.isEmpty()) {
                thread = Thread.currentThread().getName();
            }
            requests.add(request);
            if (autoCommit) {
                end();
            }
        }

        private void end() {
            if (!requests.isEmpty()) {
                completed(thread, requests);
                requests.clear();
            }
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "commit", "rollback" -> {
                    synchronized (this) {
                        if (!requests.isEmpty()) {
                            requests.add(name);
                            end();
                        }
                    }
                }
                case "setAutoCommit" -> {
                    synchronized (this) {
                        autoCommit = (Boolean) args[0];
                        if (autoCommit) {
                            end();
                        }
                    }
                }
                case "unwrap" -> {
                    if (((Class<?>) args[0]).isInstance(proxy)) {
                        return proxy;
                    }
                }
                case "isWrapperFor" -> {
                    if (((Class<?>) args[0]).isInstance(proxy)) {
                        return true;
                    }
                }
                default -> {
                }
            }
            Object result = call(connection, method, args);
            if (result instanceof Statement statement && (name.startsWith("prepare") || name.equals("createStatement"))) {
                String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
                return proxy(statement, new StatementRecorder(this, statement, sql));
            }
            return result;
        }
    }

    /** One statement: each execution is a request; a batch is one request, however many rows it carries. */
    private static final class StatementRecorder implements InvocationHandler {
        private final ConnectionRecorder connection;
        private final Statement statement;
        private final String preparedSql;
        private final List<String> batch = new ArrayList<>();

        StatementRecorder(ConnectionRecorder connection, Statement statement, String preparedSql) {
            this.connection = connection;
            this.statement = statement;
            this.preparedSql = preparedSql;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql;
            switch (name) {
                case "addBatch" -> batch.add(sql);
                case "clearBatch" -> batch.clear();
                case "executeBatch", "executeLargeBatch" -> {
                    if (!batch.isEmpty()) {
                        connection.sent("batch of " + batch.size() + ": " + oneLine(batch.get(0)));
                        batch.clear();
                    }
                }
                case "execute", "executeQuery", "executeUpdate", "executeLargeUpdate" -> connection.sent(oneLine(sql));
                case "unwrap" -> {
                    if (((Class<?>) args[0]).isInstance(proxy)) {
                        return proxy;
                    }
                }
                case "isWrapperFor" -> {
                    if (((Class<?>) args[0]).isInstance(proxy)) {
                        return true;
                    }
                }
                default -> {
                }
            }
            return call(statement, method, args);
        }
    }

    private static String oneLine(String sql) {
        return sql == null ? "?" : sql.replaceAll("\\s+", " ").trim();
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(T target, InvocationHandler handler) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            collect(type, interfaces);
        }
        if (target instanceof Connection) {
            interfaces.add(Connection.class);
        } else if (target instanceof CallableStatement) {
            interfaces.add(CallableStatement.class);
        } else if (target instanceof PreparedStatement) {
            interfaces.add(PreparedStatement.class);
        }
        return (T) Proxy.newProxyInstance(JdbcRoundTrips.class.getClassLoader(), interfaces.toArray(new Class<?>[0]),
                handler);
    }

    private static void collect(Class<?> type, Set<Class<?>> into) {
        for (Class<?> iface : type.getInterfaces()) {
            if (into.add(iface)) {
                collect(iface, into);
            }
        }
    }
}
