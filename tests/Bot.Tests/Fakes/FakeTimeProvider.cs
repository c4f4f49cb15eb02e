namespace Bot.Tests.Fakes;

/// <summary>
/// A clock the test sets by hand (Microsoft.Extensions.TimeProvider.Testing does not restore here).
/// Its local time zone is UTC so dates derived from it do not depend on the machine.
/// </summary>
internal sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public FakeTimeProvider()
        : this(new DateTimeOffset(2024, 5, 6, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow() => _now;

    public void SetUtcNow(DateTimeOffset value) => _now = value;

    public void Advance(TimeSpan by) => _now += by;
}
