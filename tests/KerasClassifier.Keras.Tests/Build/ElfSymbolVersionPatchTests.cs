using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using KerasClassifier.Build;
using Xunit;

namespace KerasClassifier.Keras.Tests.Build;

/// <summary>
/// Tests of the libLibTorchSharp.so byte patch against the real library from the NuGet package
/// folder. Each test patches a copy in its own temporary folder, and the package copy is only read.
/// </summary>
public sealed class ElfSymbolVersionPatchTests : IDisposable
{
    private const int SymbolSize = 24;

    private readonly string _folder = Directory.CreateTempSubdirectory("elf-patch-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void PatchCopy_ChangesThreeFields()
    {
        string source = PackageLibraryPath();
        byte[] original = File.ReadAllBytes(source);
        LibraryLayout layout = LibraryLayout.Read(original);

        string copy = ElfSymbolVersionPatch.PatchCopy(source, _folder, out ElfPatchOutcome outcome);
        byte[] patched = File.ReadAllBytes(copy);

        Assert.Equal(ElfPatchOutcome.Patched, outcome);
        Assert.Equal(Path.Combine(_folder, ElfSymbolVersionPatch.LibraryFileName), copy);
        Assert.Equal(original.Length, patched.Length);
        Assert.Equal(ElfSymbolVersionPatch.ReplacementSymbol, ReadCString(patched, layout.ImportNameOffset));
        int padding = ElfSymbolVersionPatch.ImportedSymbol.Length - ElfSymbolVersionPatch.ReplacementSymbol.Length;
        Assert.Equal(new byte[padding], patched.AsSpan((int)layout.ImportNameOffset + ElfSymbolVersionPatch.ReplacementSymbol.Length, padding).ToArray());
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(patched.AsSpan((int)layout.ImportVersionOffset)));
        Assert.Equal(0x2, BinaryPrimitives.ReadUInt16LittleEndian(patched.AsSpan((int)layout.RequirementFlagsOffset)) & 0x2);
    }

    [Fact]
    public void PatchCopy_ChangesNoOtherBytes()
    {
        string source = PackageLibraryPath();
        byte[] original = File.ReadAllBytes(source);
        LibraryLayout layout = LibraryLayout.Read(original);

        byte[] patched = File.ReadAllBytes(ElfSymbolVersionPatch.PatchCopy(source, _folder, out _));

        for (int offset = 0; offset < original.Length; offset++)
        {
            if (original[offset] != patched[offset])
            {
                Assert.True(layout.IsPatchedField(offset), $"byte at offset {offset} changed outside the three patched fields");
            }
        }
    }

    [Fact]
    public void PatchCopy_LeavesSourceUnchanged()
    {
        string source = PackageLibraryPath();
        string hashBefore = Sha256(source);
        DateTime timeBefore = File.GetLastWriteTimeUtc(source);

        ElfSymbolVersionPatch.PatchCopy(source, _folder, out _);

        Assert.Equal(hashBefore, Sha256(source));
        Assert.Equal(timeBefore, File.GetLastWriteTimeUtc(source));
    }

    [Fact]
    public void Inspect_ReportsPatchState()
    {
        string library = CopyPackageLibrary();
        string hashBefore = Sha256(library);

        ElfPatchOutcome before = ElfSymbolVersionPatch.Inspect(library);
        string hashAfterInspect = Sha256(library);
        ElfSymbolVersionPatch.PatchInPlace(library);
        ElfPatchOutcome after = ElfSymbolVersionPatch.Inspect(library);

        Assert.Equal(ElfPatchOutcome.Patched, before);
        Assert.Equal(hashBefore, hashAfterInspect);
        Assert.Equal(ElfPatchOutcome.AlreadyPatched, after);
    }

    [Fact]
    public void PatchCopy_IntoSourceFolderThrows()
    {
        string library = CopyPackageLibrary();

        var exception = Assert.Throws<ArgumentException>(() => ElfSymbolVersionPatch.PatchCopy(library, _folder, out _));

        Assert.Equal("destinationDirectory", exception.ParamName);
    }

    [Fact]
    public void PatchInPlace_SecondRunIsNoOp()
    {
        string library = CopyPackageLibrary();
        Assert.Equal(ElfPatchOutcome.Patched, ElfSymbolVersionPatch.PatchInPlace(library));
        string hashAfterFirst = Sha256(library);

        ElfPatchOutcome second = ElfSymbolVersionPatch.PatchInPlace(library);

        Assert.Equal(ElfPatchOutcome.AlreadyPatched, second);
        Assert.Equal(hashAfterFirst, Sha256(library));
    }

    [Fact]
    public void PatchInPlace_KeepsLastWriteTime()
    {
        string library = CopyPackageLibrary();
        DateTime timeBefore = File.GetLastWriteTimeUtc(library);

        ElfSymbolVersionPatch.PatchInPlace(library);

        Assert.Equal(timeBefore, File.GetLastWriteTimeUtc(library));
    }

    [Fact]
    public void PatchInPlace_LeavesNoTemporaryFile()
    {
        string library = CopyPackageLibrary();

        ElfSymbolVersionPatch.PatchInPlace(library);

        Assert.Equal(new[] { library }, Directory.GetFiles(_folder));
    }

    [Fact]
    public void PatchInPlace_CompletesPartialPatch()
    {
        string library = CopyPackageLibrary();
        byte[] image = File.ReadAllBytes(library);
        LibraryLayout layout = LibraryLayout.Read(image);
        ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan((int)layout.RequirementFlagsOffset));
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan((int)layout.RequirementFlagsOffset), (ushort)(flags | 0x2));
        File.WriteAllBytes(library, image);

        ElfPatchOutcome outcome = ElfSymbolVersionPatch.PatchInPlace(library);

        byte[] patched = File.ReadAllBytes(library);
        Assert.Equal(ElfPatchOutcome.Patched, outcome);
        Assert.Equal(ElfSymbolVersionPatch.ReplacementSymbol, ReadCString(patched, layout.ImportNameOffset));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(patched.AsSpan((int)layout.ImportVersionOffset)));
    }

    [Fact]
    public void PatchInPlace_WithoutRequirementIsNotRequired()
    {
        string library = CopyPackageLibrary();
        byte[] image = File.ReadAllBytes(library);
        LibraryLayout layout = LibraryLayout.Read(image);
        image[layout.RequirementNameOffset + ElfSymbolVersionPatch.RequiredVersion.Length - 1] = (byte)'1';
        File.WriteAllBytes(library, image);

        ElfPatchOutcome outcome = ElfSymbolVersionPatch.PatchInPlace(library);

        Assert.Equal(ElfPatchOutcome.NotRequired, outcome);
        Assert.Equal(image, File.ReadAllBytes(library));
    }

    [Fact]
    public void PatchInPlace_NonElfThrows()
    {
        string path = Path.Combine(_folder, ElfSymbolVersionPatch.LibraryFileName);
        File.WriteAllText(path, "this is a text file, not a shared library\n");

        var exception = Assert.Throws<InvalidDataException>(() => ElfSymbolVersionPatch.PatchInPlace(path));

        Assert.StartsWith(path + ": ", exception.Message);
        Assert.Contains("not an ELF file", exception.Message);
        Assert.DoesNotContain('\n', exception.Message);
    }

    [Fact]
    public void PatchInPlace_EmptyFileThrows()
    {
        string path = Path.Combine(_folder, ElfSymbolVersionPatch.LibraryFileName);
        File.WriteAllBytes(path, Array.Empty<byte>());

        var exception = Assert.Throws<InvalidDataException>(() => ElfSymbolVersionPatch.PatchInPlace(path));

        Assert.Contains("empty", exception.Message);
    }

    // A positive length keeps that many leading bytes. A negative one drops that many trailing bytes.
    [Theory]
    [InlineData(40)]
    [InlineData(4096)]
    [InlineData(-100)]
    public void PatchInPlace_TruncatedFileThrows(int length)
    {
        byte[] full = File.ReadAllBytes(PackageLibraryPath());
        byte[] truncated = full.AsSpan(0, length > 0 ? length : full.Length + length).ToArray();
        string path = Path.Combine(_folder, ElfSymbolVersionPatch.LibraryFileName);
        File.WriteAllBytes(path, truncated);

        var exception = Assert.Throws<InvalidDataException>(() => ElfSymbolVersionPatch.PatchInPlace(path));

        Assert.StartsWith(path + ": ", exception.Message);
        Assert.Contains("truncated", exception.Message);
        Assert.DoesNotContain('\n', exception.Message);
        Assert.Equal(truncated, File.ReadAllBytes(path));
    }

    // Byte 4 of the ELF header is the class (2 = ELF64), byte 5 the data encoding (1 = little-endian).
    [Theory]
    [InlineData(4, 1, "is not ELF64")]
    [InlineData(5, 2, "is not little-endian")]
    public void PatchInPlace_OtherElfKindThrows(int headerOffset, byte value, string expectedProblem)
    {
        string library = CopyPackageLibrary();
        byte[] image = File.ReadAllBytes(library);
        image[headerOffset] = value;
        File.WriteAllBytes(library, image);

        var exception = Assert.Throws<InvalidDataException>(() => ElfSymbolVersionPatch.PatchInPlace(library));

        Assert.Contains(expectedProblem, exception.Message);
    }

    [Fact]
    public void PatchInPlace_SharedNameTailThrows()
    {
        string library = CopyPackageLibrary();
        byte[] image = File.ReadAllBytes(library);
        LibraryLayout layout = LibraryLayout.Read(image);
        uint importName = BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan((int)layout.SymbolEntryOffset(layout.ImportIndex)));
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan((int)layout.SymbolEntryOffset(layout.OtherImportIndex)), importName + 5);
        File.WriteAllBytes(library, image);

        var exception = Assert.Throws<InvalidDataException>(() => ElfSymbolVersionPatch.PatchInPlace(library));

        Assert.Contains($".dynsym entry {layout.OtherImportIndex} points into", exception.Message);
        Assert.Equal(image, File.ReadAllBytes(library));
    }

    [Fact]
    public void PatchInPlace_SecondSymbolNeedingVersionThrows()
    {
        string library = CopyPackageLibrary();
        byte[] image = File.ReadAllBytes(library);
        LibraryLayout layout = LibraryLayout.Read(image);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan((int)layout.VersionEntryOffset(layout.OtherImportIndex)), layout.RequiredVersionIndex);
        File.WriteAllBytes(library, image);

        var exception = Assert.Throws<InvalidDataException>(() => ElfSymbolVersionPatch.PatchInPlace(library));

        Assert.Contains($"also requires {ElfSymbolVersionPatch.RequiredVersion}", exception.Message);
        Assert.Equal(image, File.ReadAllBytes(library));
    }

    [Fact]
    public void PatchInPlace_MissingImportThrows()
    {
        string library = CopyPackageLibrary();
        byte[] image = File.ReadAllBytes(library);
        LibraryLayout layout = LibraryLayout.Read(image);
        image[layout.ImportNameOffset] = (byte)'X';
        File.WriteAllBytes(library, image);

        var exception = Assert.Throws<InvalidDataException>(() => ElfSymbolVersionPatch.PatchInPlace(library));

        Assert.Contains($"imports no {ElfSymbolVersionPatch.ImportedSymbol}", exception.Message);
    }

    [Fact]
    public void PatchInPlace_MissingFileThrows()
    {
        string path = Path.Combine(_folder, "missing.so");

        var exception = Assert.Throws<FileNotFoundException>(() => ElfSymbolVersionPatch.PatchInPlace(path));

        Assert.Contains(path, exception.Message);
    }

    [Theory]
    [InlineData("GLIBCXX_3.4.30", false)]
    [InlineData("GLIBCXX_3.4.32", true)]
    [InlineData("GLIBCXX_3.4.320", false)]
    public void DefinesVersion_MatchesWholeString(string storedVersion, bool expected)
    {
        string path = Path.Combine(_folder, "libstdc++.so.6");
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes("\0GLIBCXX_3.4\0" + storedVersion + "\0CXXABI_1.3\0"));

        Assert.Equal(expected, ElfSymbolVersionPatch.DefinesVersion(path, ElfSymbolVersionPatch.RequiredVersion));
    }

    [Fact]
    public void FindLibStdCxx_ReturnsFirstMatch()
    {
        string first = Directory.CreateDirectory(Path.Combine(_folder, "a")).FullName;
        string second = Directory.CreateDirectory(Path.Combine(_folder, "b")).FullName;
        string third = Directory.CreateDirectory(Path.Combine(_folder, "c")).FullName;
        File.WriteAllText(Path.Combine(second, "libstdc++.so.6"), "");
        File.WriteAllText(Path.Combine(third, "libstdc++.so.6"), "");

        Assert.Equal(Path.Combine(second, "libstdc++.so.6"), ElfSymbolVersionPatch.FindLibStdCxx(new[] { first, second, third }));
        Assert.Null(ElfSymbolVersionPatch.FindLibStdCxx(new[] { first }));
    }

    [Fact]
    public void SystemNeedsPatch_MatchesLibStdCxx()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.False(ElfSymbolVersionPatch.SystemNeedsPatch());
            return;
        }

        string? libStdCxx = ElfSymbolVersionPatch.FindSystemLibStdCxx();
        bool expected = libStdCxx != null && !File.ReadAllText(libStdCxx, Encoding.Latin1).Contains("\0GLIBCXX_3.4.32\0", StringComparison.Ordinal);
        Assert.Equal(expected, ElfSymbolVersionPatch.SystemNeedsPatch());
    }

    // The TorchSharp package ships the Linux library on every platform, so a restore provides it.
    private static string PackageLibraryPath()
    {
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string path = Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", ElfSymbolVersionPatch.LibraryFileName);
        Assert.True(File.Exists(path), $"{path} not found; run dotnet restore so that the TorchSharp 0.107.0 package is in the NuGet package folder.");
        return path;
    }

    private string CopyPackageLibrary()
    {
        string copy = Path.Combine(_folder, ElfSymbolVersionPatch.LibraryFileName);
        File.Copy(PackageLibraryPath(), copy);
        return copy;
    }

    private static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private static string ReadCString(byte[] image, long offset)
    {
        int end = Array.IndexOf(image, (byte)0, (int)offset);
        return Encoding.ASCII.GetString(image, (int)offset, end - (int)offset);
    }

    /// <summary>
    /// File offsets of the fields the patch edits, read from an unpatched library independently
    /// of the code under test.
    /// </summary>
    private sealed class LibraryLayout
    {
        private long _symbolsOffset;
        private long _versionsOffset;

        public int ImportIndex { get; private set; }

        /// <summary>Index of an undefined symbol other than the import, used to build bad layouts.</summary>
        public int OtherImportIndex { get; private set; }

        public long ImportNameOffset { get; private set; }

        public long ImportVersionOffset => VersionEntryOffset(ImportIndex);

        public long RequirementFlagsOffset { get; private set; }

        public long RequirementNameOffset { get; private set; }

        public ushort RequiredVersionIndex { get; private set; }

        public long SymbolEntryOffset(int index) => _symbolsOffset + ((long)index * SymbolSize);

        public long VersionEntryOffset(int index) => _versionsOffset + (2L * index);

        public bool IsPatchedField(long offset) =>
            (offset >= ImportNameOffset && offset < ImportNameOffset + ElfSymbolVersionPatch.ImportedSymbol.Length)
            || (offset >= ImportVersionOffset && offset < ImportVersionOffset + 2)
            || (offset >= RequirementFlagsOffset && offset < RequirementFlagsOffset + 2);

        public static LibraryLayout Read(byte[] image)
        {
            ReadOnlySpan<byte> span = image;
            long sectionHeaders = (long)BinaryPrimitives.ReadUInt64LittleEndian(span[0x28..]);
            int sectionCount = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3c..]);

            var sections = new List<(uint Type, long Offset, long Size, uint Link)>();
            for (int index = 0; index < sectionCount; index++)
            {
                ReadOnlySpan<byte> header = span[(int)(sectionHeaders + (index * 64))..];
                sections.Add((
                    BinaryPrimitives.ReadUInt32LittleEndian(header[4..]),
                    (long)BinaryPrimitives.ReadUInt64LittleEndian(header[24..]),
                    (long)BinaryPrimitives.ReadUInt64LittleEndian(header[32..]),
                    BinaryPrimitives.ReadUInt32LittleEndian(header[40..])));
            }

            var symbols = sections.Single(section => section.Type == 11);
            long strings = sections[(int)symbols.Link].Offset;
            var versions = sections.Single(section => section.Type == 0x6fffffff);
            var needs = sections.Single(section => section.Type == 0x6ffffffe);
            long needStrings = sections[(int)needs.Link].Offset;

            var layout = new LibraryLayout { _symbolsOffset = symbols.Offset, _versionsOffset = versions.Offset };

            // Walk Elf64_Verneed and Elf64_Vernaux records to find the GLIBCXX_3.4.32 requirement.
            long need = needs.Offset;
            while (true)
            {
                int auxCount = BinaryPrimitives.ReadUInt16LittleEndian(span[(int)(need + 2)..]);
                long aux = need + BinaryPrimitives.ReadUInt32LittleEndian(span[(int)(need + 8)..]);
                for (int i = 0; i < auxCount; i++)
                {
                    long name = needStrings + BinaryPrimitives.ReadUInt32LittleEndian(span[(int)(aux + 8)..]);
                    if (ReadCString(image, name) == ElfSymbolVersionPatch.RequiredVersion)
                    {
                        layout.RequirementFlagsOffset = aux + 4;
                        layout.RequirementNameOffset = name;
                        layout.RequiredVersionIndex = BinaryPrimitives.ReadUInt16LittleEndian(span[(int)(aux + 6)..]);
                    }

                    aux += BinaryPrimitives.ReadUInt32LittleEndian(span[(int)(aux + 12)..]);
                }

                uint next = BinaryPrimitives.ReadUInt32LittleEndian(span[(int)(need + 12)..]);
                if (next == 0)
                {
                    break;
                }

                need += next;
            }

            // Find the import and another undefined symbol.
            int count = (int)(symbols.Size / SymbolSize);
            for (int index = 1; index < count; index++)
            {
                long entry = layout.SymbolEntryOffset(index);
                bool undefined = BinaryPrimitives.ReadUInt16LittleEndian(span[(int)(entry + 6)..]) == 0;
                long name = strings + BinaryPrimitives.ReadUInt32LittleEndian(span[(int)entry..]);
                if (undefined && ReadCString(image, name) == ElfSymbolVersionPatch.ImportedSymbol)
                {
                    layout.ImportIndex = index;
                    layout.ImportNameOffset = name;
                }
                else if (undefined && layout.OtherImportIndex == 0)
                {
                    layout.OtherImportIndex = index;
                }
            }

            Assert.True(layout.ImportIndex > 0, $"{ElfSymbolVersionPatch.ImportedSymbol} not found in the unpatched library");
            Assert.True(layout.RequirementFlagsOffset > 0, $"{ElfSymbolVersionPatch.RequiredVersion} requirement not found in the unpatched library");
            return layout;
        }
    }
}
