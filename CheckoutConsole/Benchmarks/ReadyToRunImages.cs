using System.Reflection.PortableExecutable;

namespace CheckoutConsole.Benchmarks;

/// <summary>
/// Whether the assemblies in an output folder carry precompiled (ReadyToRun) code: a Release build
/// precompiles the NuGet packages' assemblies (ReadyToRunPackages.targets), and a start that falls back
/// to JIT-compiling them is about a quarter slower, so the start figure is printed beside this count.
/// </summary>
public static class ReadyToRunImages
{
    /// <summary>True when the file is a managed assembly with a ReadyToRun header (precompiled code).</summary>
    public static bool IsPrecompiled(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var reader = new PEReader(stream);
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    /// <summary>Of the folder's assemblies other than the project's own, how many are precompiled.</summary>
    public static (int Precompiled, int Total) CountPackages(string folder)
    {
        var packages = Directory.GetFiles(folder, "*.dll")
            .Where(path => !Path.GetFileName(path).StartsWith("CheckoutConsole", StringComparison.OrdinalIgnoreCase))
            .ToList();
        return (packages.Count(IsPrecompiled), packages.Count);
    }
}
