package dev.cheeseshop.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.util.DriverDataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Gives every physical connection a {@link StatementCache} that lives exactly as long as it does.
 *
 * <p>The pool (HikariCP) hands out proxies of its connections and closes the statements made
 * through a proxy when the proxy goes back to the pool, so a cache must sit below it, on the
 * physical connection. {@link #install} puts a data source between the pool and the driver whose
 * connections are the driver's, each wrapped with its cache: the pool sees them as its physical
 * connections, and when it retires one (idle timeout, max lifetime, eviction, shutdown) and closes
 * it, the wrapper closes the cached statements first. {@link StatementCache#of} finds the cache
 * through the pool's proxy ({@link Connection#unwrap}).
 *
 * <p>Every other call goes straight to the driver's connection.
 */
final class CachingConnections implements DataSource {
    /** What a wrapped connection answers {@link Connection#unwrap} with. */
    interface Cached {
        StatementCache statements();
    }

    private final DataSource driver;
    private final int capacity;

    private CachingConnections(DataSource driver, int capacity) {
        this.driver = driver;
        this.capacity = capacity;
    }

    /**
     * Makes the pool of {@code config} cache statements per connection: its data source, or the
     * driver data source it would make from its JDBC URL, is wrapped. Call before the pool starts.
     */
    static void install(HikariConfig config) {
        DataSource driver = config.getDataSource();
        if (driver == null) {
            driver = new DriverDataSource(config.getJdbcUrl(), config.getDriverClassName(),
                    config.getDataSourceProperties(), config.getUsername(), config.getPassword());
        }
        config.setDataSource(wrap(driver, StatementCache.DEFAULT_CAPACITY));
    }

    /** {@code driver}, with each connection it makes wrapped with a cache of {@code capacity} statements. */
    static DataSource wrap(DataSource driver, int capacity) {
        return new CachingConnections(driver, capacity);
    }

    /** {@code physical}, with a cache of {@code capacity} statements that closes with it. */
    static Connection wrap(Connection physical, int capacity) {
        StatementCache cache = new StatementCache(physical, capacity);
        return (Connection) Proxy.newProxyInstance(CachingConnections.class.getClassLoader(),
                new Class<?>[] {Connection.class, Cached.class}, new Handler(physical, cache));
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(driver.getConnection(), capacity);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(driver.getConnection(username, password), capacity);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return driver.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        driver.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        driver.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return driver.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return driver.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : driver.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || driver.isWrapperFor(iface);
    }

    /** The wrapper's behaviour: its own close, unwrap and identity; the rest is the driver's. */
    private static final class Handler implements InvocationHandler {
        private final Connection physical;
        private final StatementCache cache;

        Handler(Connection physical, StatementCache cache) {
            this.physical = physical;
            this.cache = cache;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "statements":
                    return cache;
                case "close":
                    cache.close();
                    break;
                case "unwrap":
                    if (((Class<?>) args[0]).isInstance(proxy)) {
                        return proxy;
                    }
                    break;
                case "isWrapperFor":
                    if (((Class<?>) args[0]).isInstance(proxy)) {
                        return true;
                    }
                    break;
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "caching " + physical;
                default:
                    break;
            }
            try {
                return method.invoke(physical, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
