using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Llm;

/// <summary>
/// The services a <see cref="Microsoft.SemanticKernel.Kernel"/> sees: the host's, except its logger
/// factory. Semantic Kernel logs under each function's name, with the arguments (paper and user text)
/// and a failure's exception (whose text is the server's, which may echo the key); category filters
/// cannot name every function, so the kernel logs nothing and <see cref="ModelCallLog"/> logs calls
/// by name, size and time.
/// </summary>
internal sealed class KernelServices(IServiceProvider inner) : IServiceProvider, IKeyedServiceProvider
{
    public object? GetService(Type serviceType) =>
        serviceType == typeof(ILoggerFactory) ? NullLoggerFactory.Instance : inner.GetService(serviceType);

    public object? GetKeyedService(Type serviceType, object? serviceKey) =>
        serviceKey is null ? GetService(serviceType) : (inner as IKeyedServiceProvider)?.GetKeyedService(serviceType, serviceKey);

    public object GetRequiredKeyedService(Type serviceType, object? serviceKey) =>
        GetKeyedService(serviceType, serviceKey) ?? throw new InvalidOperationException($"No service {serviceType.Name} with key {serviceKey}.");
}
