namespace Bot.Discord.Payloads;

/// <summary>
/// A message component. One flat record for every type (Discord tells them apart by <c>type</c>), so a
/// component type the bot does not know still round-trips; build known ones with the factories.
/// <c>style</c> is a <see cref="ButtonStyle"/> on buttons and a <see cref="TextInputStyle"/> on text inputs.
/// </summary>
public sealed record Component(
    ComponentType Type,
    Component[]? Components = null,
    int? Style = null,
    string? Label = null,
    string? CustomId = null,
    string? Url = null,
    bool? Disabled = null,
    SelectOption[]? Options = null,
    string? Placeholder = null,
    int? MinValues = null,
    int? MaxValues = null,
    int? MinLength = null,
    int? MaxLength = null,
    bool? Required = null,
    string? Value = null)
{
    /// <summary>A row holds up to five buttons, or one select menu, or one text input.</summary>
    public static Component ActionRow(params Component[] children) => new(ComponentType.ActionRow, children);

    /// <summary>A button that sends an interaction carrying <paramref name="customId"/>.</summary>
    public static Component Button(ButtonStyle style, string label, string customId, bool disabled = false) =>
        new(ComponentType.Button, Style: (int)style, Label: label, CustomId: customId, Disabled: disabled ? true : null);

    /// <summary>A link button: Discord opens the url itself, no interaction is sent, so it has no custom id.</summary>
    public static Component LinkButton(string label, string url) =>
        new(ComponentType.Button, Style: (int)ButtonStyle.Link, Label: label, Url: url);

    public static Component StringSelect(string customId, SelectOption[] options, string? placeholder = null, int? minValues = null, int? maxValues = null) =>
        new(ComponentType.StringSelect, CustomId: customId, Options: options, Placeholder: placeholder, MinValues: minValues, MaxValues: maxValues);

    /// <summary>A text field; only valid inside a modal.</summary>
    public static Component TextInput(string customId, string label, TextInputStyle style, bool required = true, int? maxLength = null) =>
        new(ComponentType.TextInput, Style: (int)style, Label: label, CustomId: customId, Required: required, MaxLength: maxLength);
}

public sealed record SelectOption(string Label, string Value, string? Description = null, bool? Default = null);

public enum ComponentType
{
    ActionRow = 1,
    Button = 2,
    StringSelect = 3,
    TextInput = 4,
}

public enum ButtonStyle
{
    Primary = 1,
    Secondary = 2,
    Success = 3,
    Danger = 4,
    Link = 5,
}

public enum TextInputStyle
{
    Short = 1,
    Paragraph = 2,
}
