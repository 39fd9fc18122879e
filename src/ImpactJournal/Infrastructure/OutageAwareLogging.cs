namespace ImpactJournal.Infrastructure;

/// <summary>
/// While the database is unreachable, every background agent (Wolverine's durability and control
/// listeners, Marten's projection daemon, health checks) logs an error with a stack trace several times
/// a second. For an operator that is one fact, not hundreds: the first such entry in a minute is written
/// as a warning without its stack trace, the rest are left out. Every other entry passes untouched.
/// </summary>
public static class OutageAwareLogging
{
    private static readonly TimeSpan QuietFor = TimeSpan.FromMinutes(1);
    private static long _lastWrittenTicks;

    /// <summary>Wraps every logger provider registered so far.</summary>
    public static void AddOutageAwareLogging(this WebApplicationBuilder builder)
    {
        var providers = builder.Services.Where(d => d.ServiceType == typeof(ILoggerProvider)).ToList();
        foreach (var descriptor in providers)
        {
            builder.Services.Remove(descriptor);
            builder.Services.Add(ServiceDescriptor.Singleton<ILoggerProvider>(services => new Provider(Create(services, descriptor))));
        }
    }

    private static ILoggerProvider Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        (ILoggerProvider)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));

    /// <summary>True when this outage entry is the one of the minute to write.</summary>
    private static bool FirstInAWhile()
    {
        var now = DateTime.UtcNow.Ticks;
        var last = Interlocked.Read(ref _lastWrittenTicks);
        return now - last >= QuietFor.Ticks && Interlocked.CompareExchange(ref _lastWrittenTicks, now, last) == last;
    }

    private sealed class Provider(ILoggerProvider inner) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(inner.CreateLogger(categoryName));

        public void Dispose() => inner.Dispose();
    }

    private sealed class Logger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel < LogLevel.Warning || !DatabaseOutage.IsOutage(exception))
                inner.Log(logLevel, eventId, state, exception, formatter);
            else if (FirstInAWhile())
                inner.Log(LogLevel.Warning, eventId, state, null,
                    (s, e) => $"{formatter(s, e)} (the database is unreachable: {exception!.GetBaseException().Message}; similar entries are left out for a minute)");
        }
    }
}
