using Bot.Commands.Declarations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Commands;

/// <summary>The commands users type, shared by every front end (the console and Discord).</summary>
public static class CommandsRegistration
{
    public static IHostApplicationBuilder AddBotCommands(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BotCommands>();
        builder.Services.AddSingleton<StatusReporter>();
        builder.Services.AddSingleton<ShownLists>();
        builder.Services.AddSingleton<PaperTitleSuggestions>();
        // Every declared command, once: the console and Discord are both built from this set.
        foreach (var type in typeof(IBotCommand).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(IBotCommand))))
        {
            // As itself too, for a Discord module that presents one command its own way (paging, buttons).
            builder.Services.AddSingleton(type);
            builder.Services.AddSingleton(typeof(IBotCommand), s => s.GetRequiredService(type));
        }
        builder.Services.AddSingleton<CommandSet>();
        return builder;
    }
}
