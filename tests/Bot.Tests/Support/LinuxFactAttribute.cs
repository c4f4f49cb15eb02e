namespace Bot.Tests.Support;

/// <summary>A fact about Linux behaviour (FIFOs, /proc): skipped, and said so, elsewhere.</summary>
internal sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Linux only: uses mkfifo or /proc";
        }
    }
}
