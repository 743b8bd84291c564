using System.Runtime.InteropServices;
using KerasClassifier.Keras.Backend;

namespace KerasClassifier.Keras.Tests.Backend;

public class HostAllocatorTests
{
    [Fact]
    public void Configure_applies_on_glibc_linux_only()
    {
        var glibcLinux = OperatingSystem.IsLinux() && !RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal);

        var applied = HostAllocator.Configure(keepFreedMemory: true);

        Assert.Equal(glibcLinux, HostAllocator.IsSupported);
        Assert.Equal(glibcLinux, applied);
    }

    [Fact]
    public void KeepFreedHostMemory_is_on_by_default()
    {
        Assert.True(KerasBackend.KeepFreedHostMemory);
    }
}
