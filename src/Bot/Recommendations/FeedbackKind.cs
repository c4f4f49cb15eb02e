namespace Bot.Recommendations;

/// <summary>What a user did with a paper. Like and dislike exclude each other; save and dismiss stand alone.</summary>
public enum FeedbackKind
{
    Like,
    Dislike,
    Dismiss,
    Save,
}

public static class FeedbackKinds
{
    public static string Name(FeedbackKind kind) => kind switch
    {
        FeedbackKind.Like => "like",
        FeedbackKind.Dislike => "dislike",
        FeedbackKind.Dismiss => "dismiss",
        FeedbackKind.Save => "save",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static FeedbackKind? Parse(string? name) => name?.ToLowerInvariant() switch
    {
        "like" => FeedbackKind.Like,
        "dislike" => FeedbackKind.Dislike,
        "dismiss" => FeedbackKind.Dismiss,
        "save" => FeedbackKind.Save,
        _ => null,
    };
}
