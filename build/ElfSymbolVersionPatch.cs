// Makes TorchSharp's libLibTorchSharp.so load with a libstdc++ older than GCC 13's.
//
// This one file is compiled twice: by MSBuild's RoslynCodeTaskFactory for the build-time
// task in NativeFixup.targets, and into the KerasClassifier library for run-time use.
// It therefore uses only .NET Standard 2.0 APIs (the task factory's reference set) and
// C# that the SDK's compiler accepts without a project file.
#nullable enable

using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
#if !NETCOREAPP
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
#endif

namespace KerasClassifier.Build;

/// <summary>Result of applying <see cref="ElfSymbolVersionPatch"/> to one library.</summary>
internal enum ElfPatchOutcome
{
    /// <summary>One or more of the three fields were changed.</summary>
    Patched,

    /// <summary>All three fields already had their patched values, so nothing was written.</summary>
    AlreadyPatched,

    /// <summary>The library does not require GLIBCXX_3.4.32, so nothing was written.</summary>
    NotRequired,
}

/// <summary>
/// Byte patch that lets libLibTorchSharp.so (TorchSharp 0.107.0, built with GCC 13) load on
/// systems whose libstdc++ lacks the symbol version GLIBCXX_3.4.32, such as Debian 12 and
/// Ubuntu 22.04.
/// </summary>
/// <remarks>
/// The library needs that version for a single import, <c>std::ios_base_library_init()</c>,
/// GCC 13's hook that makes sure the standard streams are initialised. With an older libstdc++
/// the static initialisers of libtorch, which loads first, already initialise them.
/// The patch changes three fields in place and keeps the file size:
/// <list type="number">
/// <item>The import's name in .dynstr becomes <c>sched_yield</c> padded with NULs, so it binds to
/// a libc function that takes no arguments.</item>
/// <item>The import's .gnu.version entry becomes 1 (global), so no version is requested for it.</item>
/// <item>The GLIBCXX_3.4.32 record in .gnu.version_r gets VER_FLG_WEAK, so glibc only notes the
/// missing version instead of rejecting the library.</item>
/// </list>
/// The build applies it only where the system libstdc++ lacks GLIBCXX_3.4.32
/// (see <see cref="SystemNeedsPatch"/>).
/// </remarks>
internal static class ElfSymbolVersionPatch
{
    internal const string LibraryFileName = "libLibTorchSharp.so";
    internal const string RequiredVersion = "GLIBCXX_3.4.32";
    internal const string ImportedSymbol = "_ZSt21ios_base_library_initv";
    internal const string ReplacementSymbol = "sched_yield";

    private const int Elf64HeaderSize = 64;
    private const int SectionHeaderSize = 64;
    private const int SymbolSize = 24;
    private const int VerneedSize = 16;
    private const int VernauxSize = 16;
    private const int VerdefSize = 20;
    private const int VerdauxSize = 8;
    private const int DynamicEntrySize = 16;

    private const uint SectionTypeStringTable = 3;
    private const uint SectionTypeDynamic = 6;
    private const uint SectionTypeDynamicSymbols = 11;
    private const uint SectionTypeVersionDefinitions = 0x6ffffffd;
    private const uint SectionTypeVersionNeeds = 0x6ffffffe;
    private const uint SectionTypeVersionSymbols = 0x6fffffff;

    private const ushort SectionIndexUndefined = 0;
    private const ushort VersionFlagWeak = 0x2;
    private const ushort VersionIndexGlobal = 1;
    private const ushort VersionIndexMask = 0x7fff;

    // .dynamic tags whose value is an offset into the dynamic string table.
    private static readonly long[] DynamicStringTags =
    {
        1, // DT_NEEDED
        14, // DT_SONAME
        15, // DT_RPATH
        29, // DT_RUNPATH
        0x6ffffefa, // DT_CONFIG
        0x6ffffefb, // DT_DEPAUDIT
        0x6ffffefc, // DT_AUDIT
        0x7ffffffd, // DT_AUXILIARY
        0x7fffffff, // DT_FILTER
    };

    /// <summary>
    /// Returns true on Linux when the system libstdc++ (see <see cref="FindSystemLibStdCxx"/>)
    /// lacks GLIBCXX_3.4.32. Returns false on other systems and when no libstdc++ is found.
    /// </summary>
    internal static bool SystemNeedsPatch()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return false;
        }

        string? libStdCxx = FindSystemLibStdCxx();
        return libStdCxx != null && !DefinesVersion(libStdCxx, RequiredVersion);
    }

    /// <summary>
    /// Returns the path of the first libstdc++.so.6 in the standard library folders for the
    /// process architecture, or null when none exists.
    /// </summary>
    /// <remarks>
    /// NOTE: a libstdc++ reached only through LD_LIBRARY_PATH or a custom ld.so.conf entry is not
    /// considered, because the dynamic loader at run time may see a different environment.
    /// </remarks>
    internal static string? FindSystemLibStdCxx() => FindLibStdCxx(SystemLibraryDirectories());

    /// <summary>Returns the path of the first libstdc++.so.6 in <paramref name="directories"/>, or null.</summary>
    internal static string? FindLibStdCxx(IEnumerable<string> directories)
    {
        foreach (string directory in directories)
        {
            string candidate = Path.Combine(directory, "libstdc++.so.6");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Lists the library folders searched for libstdc++.so.6, most specific first.</summary>
    internal static IReadOnlyList<string> SystemLibraryDirectories()
    {
        string? multiarch = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "x86_64-linux-gnu",
            Architecture.Arm64 => "aarch64-linux-gnu",
            _ => null,
        };

        var directories = new List<string>();
        if (multiarch != null)
        {
            directories.Add("/lib/" + multiarch);
            directories.Add("/usr/lib/" + multiarch);
        }

        directories.Add("/usr/lib64");
        directories.Add("/lib64");
        directories.Add("/usr/lib");
        directories.Add("/lib");
        return directories;
    }

    /// <summary>
    /// Returns true when the shared library at <paramref name="libraryPath"/> contains the
    /// NUL-delimited string <paramref name="version"/>, as a version definition in its string
    /// table does.
    /// </summary>
    internal static bool DefinesVersion(string libraryPath, string version)
    {
        byte[] content = File.ReadAllBytes(libraryPath);
        byte[] pattern = Encoding.ASCII.GetBytes("\0" + version + "\0");
        return IndexOf(content, pattern) >= 0;
    }

    /// <summary>
    /// Checks the library at <paramref name="path"/> and returns what <see cref="PatchInPlace"/>
    /// would do to it, without writing anything: <see cref="ElfPatchOutcome.Patched"/> means the
    /// library still needs the patch.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not an ELF64 little-endian library
    /// with the expected sections and records.</exception>
    internal static ElfPatchOutcome Inspect(string path)
    {
        string fullPath = Path.GetFullPath(path);
        return ApplyPatch(ReadFile(fullPath), fullPath);
    }

    /// <summary>
    /// Patches the ELF64 library at <paramref name="path"/> in place, by writing a patched copy
    /// beside it and renaming that over the original.
    /// </summary>
    /// <remarks>
    /// The file keeps its size, file mode and last write time. Keeping the time matters for
    /// MSBuild: its Copy task skips a destination with the same size and time as the source, so a
    /// patched output copy is not replaced by the unpatched package copy on every build.
    /// </remarks>
    /// <exception cref="InvalidDataException">The file is not an ELF64 little-endian library
    /// with the expected sections and records. The message names the file and the problem.</exception>
    internal static ElfPatchOutcome PatchInPlace(string path)
    {
        string fullPath = Path.GetFullPath(path);
        byte[] image = ReadFile(fullPath);

        ElfPatchOutcome outcome = ApplyPatch(image, fullPath);
        if (outcome == ElfPatchOutcome.Patched)
        {
            WriteAtomically(fullPath, fullPath, image);
        }

        return outcome;
    }

    /// <summary>
    /// Writes a patched copy of the library at <paramref name="sourcePath"/> into
    /// <paramref name="destinationDirectory"/> under the same file name, and returns the copy's
    /// path. The source file is only read, so it may sit in a package cache.
    /// </summary>
    /// <remarks>
    /// An existing file at the destination is replaced atomically. When the source does not need
    /// the patch (<paramref name="outcome"/> is not <see cref="ElfPatchOutcome.Patched"/>), the
    /// copy is byte-identical to the source.
    /// </remarks>
    /// <exception cref="InvalidDataException">The source is not an ELF64 little-endian library
    /// with the expected sections and records.</exception>
    internal static string PatchCopy(string sourcePath, string destinationDirectory, out ElfPatchOutcome outcome)
    {
        string fullSourcePath = Path.GetFullPath(sourcePath);
        string destinationPath = Path.Combine(Path.GetFullPath(destinationDirectory), Path.GetFileName(fullSourcePath));
        if (string.Equals(destinationPath, fullSourcePath, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Destination folder '{destinationDirectory}' is the source file's own folder; use PatchInPlace to patch '{fullSourcePath}' itself.",
                nameof(destinationDirectory));
        }

        byte[] image = ReadFile(fullSourcePath);
        outcome = ApplyPatch(image, fullSourcePath);

        Directory.CreateDirectory(Path.GetDirectoryName(destinationPath)!);
        WriteAtomically(fullSourcePath, destinationPath, image);
        return destinationPath;
    }

    private static byte[] ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file not found.", path);
        }

        return File.ReadAllBytes(path);
    }

    // Copies the source (which carries over its file mode), overwrites the copy with the patched
    // image, flushes it to disk and renames it over the destination, so that readers and an
    // interrupted build see either the old file or the complete new one.
    private static void WriteAtomically(string sourcePath, string destinationPath, byte[] image)
    {
        DateTime lastWriteTimeUtc = File.GetLastWriteTimeUtc(sourcePath);
        string directory = Path.GetDirectoryName(destinationPath)!;
        string temporaryPath = Path.Combine(directory, $".{Path.GetFileName(destinationPath)}.{Guid.NewGuid():N}.tmp");

        try
        {
            File.Copy(sourcePath, temporaryPath);
            using (var stream = new FileStream(temporaryPath, FileMode.Open, FileAccess.Write, FileShare.None))
            {
                stream.SetLength(image.Length);
                stream.Write(image, 0, image.Length);
                stream.Flush(flushToDisk: true);
            }

            File.SetLastWriteTimeUtc(temporaryPath, lastWriteTimeUtc);

            // File.Replace renames over the destination on Unix (rename(2)), which is atomic.
            if (File.Exists(destinationPath))
            {
                File.Replace(temporaryPath, destinationPath, destinationBackupFileName: null);
            }
            else
            {
                File.Move(temporaryPath, destinationPath);
            }
        }
        catch
        {
            TryDelete(temporaryPath);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original error matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    // Applies the three edits to the in-memory image after checking everything they rely on.
    // Every check runs before the first edit, and a failed check throws InvalidDataException.
    private static ElfPatchOutcome ApplyPatch(byte[] image, string path)
    {
        var elf = new ElfImage(image, path);
        Section symbols = elf.SingleSection(SectionTypeDynamicSymbols, ".dynsym");
        Section symbolNames = elf.LinkedStringTable(symbols, ".dynstr");
        Section symbolVersions = elf.SingleSection(SectionTypeVersionSymbols, ".gnu.version");
        Section versionNeeds = elf.SingleSection(SectionTypeVersionNeeds, ".gnu.version_r");
        Section versionNeedNames = elf.LinkedStringTable(versionNeeds, "string table of .gnu.version_r");

        int symbolCount = elf.EntryCount(symbols, SymbolSize, ".dynsym");
        if (symbolVersions.Size != 2L * symbolCount)
        {
            throw elf.Invalid($".gnu.version has {symbolVersions.Size} bytes, expected 2 per .dynsym entry ({2L * symbolCount})");
        }

        // Find the version requirement record and the version index it assigns.
        List<VersionNeed> needs = elf.ReadVersionNeeds(versionNeeds, versionNeedNames);
        List<VersionNeed> required = needs.FindAll(need => need.Name == RequiredVersion);
        if (required.Count == 0)
        {
            return ElfPatchOutcome.NotRequired;
        }

        if (required.Count > 1)
        {
            throw elf.Invalid($".gnu.version_r has {required.Count} records named {RequiredVersion}, expected one");
        }

        VersionNeed need = required[0];
        int versionIndex = need.Index & VersionIndexMask;
        if (versionIndex <= VersionIndexGlobal)
        {
            throw elf.Invalid($"the {RequiredVersion} record in .gnu.version_r has version index {versionIndex}, expected 2 or more");
        }

        // Find the import, by its original name or by the name an earlier run gave it.
        int target = FindImport(elf, symbols, symbolNames, symbolVersions, symbolCount, versionIndex);
        long nameOffset = elf.ReadU32(symbols.Offset + ((long)target * SymbolSize));
        string name = elf.ReadString(symbolNames, nameOffset, ".dynstr");
        long versionEntry = symbolVersions.Offset + (2L * target);
        int targetVersion = elf.ReadU16(versionEntry) & VersionIndexMask;
        if (targetVersion != versionIndex && targetVersion != VersionIndexGlobal)
        {
            throw elf.Invalid($"symbol {name} has version index {targetVersion}, expected {versionIndex} ({RequiredVersion}) or {VersionIndexGlobal} (global)");
        }

        // Any other import that needs the version would still fail to bind, so such a library is rejected.
        for (int index = 0; index < symbolCount; index++)
        {
            if (index != target && (elf.ReadU16(symbolVersions.Offset + (2L * index)) & VersionIndexMask) == versionIndex)
            {
                string other = elf.ReadString(symbolNames, elf.ReadU32(symbols.Offset + ((long)index * SymbolSize)), ".dynstr");
                throw elf.Invalid($"symbol {other} also requires {RequiredVersion}, but the patch only covers {ImportedSymbol}");
            }
        }

        bool changed = false;

        // Edit 1: the import's name.
        if (name == ImportedSymbol)
        {
            elf.CheckNoSharedName(symbolNames, nameOffset, ImportedSymbol.Length, target, symbols, symbolCount, versionNeeds, versionNeedNames);
            byte[] replacement = new byte[ImportedSymbol.Length];
            Encoding.ASCII.GetBytes(ReplacementSymbol, 0, ReplacementSymbol.Length, replacement, 0);
            Buffer.BlockCopy(replacement, 0, image, (int)(symbolNames.Offset + nameOffset), replacement.Length);
            changed = true;
        }

        // Edit 2: the import's version index.
        if (targetVersion == versionIndex)
        {
            WriteU16(image, versionEntry, VersionIndexGlobal);
            changed = true;
        }

        // Edit 3: the weak flag of the version requirement.
        if ((need.Flags & VersionFlagWeak) == 0)
        {
            WriteU16(image, need.FlagsOffset, (ushort)(need.Flags | VersionFlagWeak));
            changed = true;
        }

        return changed ? ElfPatchOutcome.Patched : ElfPatchOutcome.AlreadyPatched;
    }

    // Returns the .dynsym index of the undefined symbol named ImportedSymbol or, after an earlier
    // run, of the undefined symbol named ReplacementSymbol whose string still has the NUL padding
    // and whose version is the required or the global one.
    private static int FindImport(ElfImage elf, Section symbols, Section symbolNames, Section symbolVersions, int symbolCount, int versionIndex)
    {
        var original = new List<int>();
        var renamed = new List<int>();
        for (int index = 0; index < symbolCount; index++)
        {
            long entry = symbols.Offset + ((long)index * SymbolSize);
            if (elf.ReadU16(entry + 6) != SectionIndexUndefined)
            {
                continue;
            }

            long nameOffset = elf.ReadU32(entry);
            string name = elf.ReadString(symbolNames, nameOffset, ".dynstr");
            int version = elf.ReadU16(symbolVersions.Offset + (2L * index)) & VersionIndexMask;
            if (name == ImportedSymbol)
            {
                original.Add(index);
            }
            else if (name == ReplacementSymbol
                && (version == VersionIndexGlobal || version == versionIndex)
                && elf.IsZeroPadded(symbolNames, nameOffset + ReplacementSymbol.Length, ImportedSymbol.Length - ReplacementSymbol.Length))
            {
                renamed.Add(index);
            }
        }

        List<int> found = original.Count > 0 ? original : renamed;
        if (found.Count == 0)
        {
            throw elf.Invalid($"it requires {RequiredVersion} but imports no {ImportedSymbol}, so this patch does not apply to this build of the library");
        }

        if (found.Count > 1)
        {
            throw elf.Invalid($".dynsym has {found.Count} undefined symbols named {(original.Count > 0 ? ImportedSymbol : ReplacementSymbol)}, expected one");
        }

        return found[0];
    }

    private static void WriteU16(byte[] image, long offset, ushort value)
    {
        image[offset] = (byte)value;
        image[offset + 1] = (byte)(value >> 8);
    }

    private static int IndexOf(byte[] content, byte[] pattern)
    {
        for (int start = 0; start <= content.Length - pattern.Length; start++)
        {
            int matched = 0;
            while (matched < pattern.Length && content[start + matched] == pattern[matched])
            {
                matched++;
            }

            if (matched == pattern.Length)
            {
                return start;
            }
        }

        return -1;
    }

    private sealed class Section
    {
        public Section(int index, uint type, long offset, long size, uint link)
        {
            Index = index;
            Type = type;
            Offset = offset;
            Size = size;
            Link = link;
        }

        public int Index { get; }

        public uint Type { get; }

        public long Offset { get; }

        public long Size { get; }

        public uint Link { get; }
    }

    private sealed class VersionNeed
    {
        public VersionNeed(string name, ushort flags, ushort index, long flagsOffset)
        {
            Name = name;
            Flags = flags;
            Index = index;
            FlagsOffset = flagsOffset;
        }

        public string Name { get; }

        public ushort Flags { get; }

        public ushort Index { get; }

        /// <summary>File offset of the record's vna_flags field.</summary>
        public long FlagsOffset { get; }
    }

    // Bounds-checked little-endian reader over an ELF64 file image and its section headers.
    private sealed class ElfImage
    {
        private readonly byte[] _image;
        private readonly string _path;
        private readonly List<Section> _sections = new List<Section>();

        public ElfImage(byte[] image, string path)
        {
            _image = image;
            _path = path;

            if (image.Length == 0)
            {
                throw Invalid("not an ELF file, because the file is empty");
            }

            bool hasMagic = image.Length >= 4 && image[0] == 0x7f && image[1] == (byte)'E' && image[2] == (byte)'L' && image[3] == (byte)'F';
            if (!hasMagic)
            {
                throw Invalid("not an ELF file, because its first four bytes are not 7F 45 4C 46");
            }

            if (image.Length < Elf64HeaderSize)
            {
                throw Invalid($"truncated ELF file of {image.Length} bytes, shorter than the {Elf64HeaderSize}-byte ELF64 header");
            }

            if (image[4] != 2)
            {
                throw Invalid($"ELF class {image[4]} is not ELF64 (expected 2)");
            }

            if (image[5] != 1)
            {
                throw Invalid($"ELF data encoding {image[5]} is not little-endian (expected 1)");
            }

            ReadSectionHeaders();
        }

        public InvalidDataException Invalid(string problem) => new InvalidDataException($"{_path}: {problem}.");

        public Section SingleSection(uint type, string name)
        {
            List<Section> matches = _sections.FindAll(section => section.Type == type);
            if (matches.Count != 1)
            {
                throw Invalid(matches.Count == 0
                    ? $"no {name} section (type 0x{type:x}) in the section headers"
                    : $"{matches.Count} sections of type 0x{type:x} ({name}), expected one");
            }

            return matches[0];
        }

        public Section LinkedStringTable(Section owner, string name)
        {
            if (owner.Link == 0 || owner.Link >= _sections.Count || _sections[(int)owner.Link].Type != SectionTypeStringTable)
            {
                throw Invalid($"section {owner.Index} links to section {owner.Link}, which is not the string table {name}");
            }

            return _sections[(int)owner.Link];
        }

        public int EntryCount(Section section, int entrySize, string name)
        {
            if (section.Size % entrySize != 0)
            {
                throw Invalid($"{name} size {section.Size} is not a multiple of its {entrySize}-byte entries");
            }

            return (int)(section.Size / entrySize);
        }

        public ushort ReadU16(long offset)
        {
            CheckRange(offset, 2);
            return (ushort)(_image[offset] | (_image[offset + 1] << 8));
        }

        public uint ReadU32(long offset)
        {
            CheckRange(offset, 4);
            return (uint)(_image[offset] | (_image[offset + 1] << 8) | (_image[offset + 2] << 16) | (_image[offset + 3] << 24));
        }

        public ulong ReadU64(long offset) => ReadU32(offset) | ((ulong)ReadU32(offset + 4) << 32);

        public string ReadString(Section table, long offset, string tableName)
        {
            if (offset < 0 || offset >= table.Size)
            {
                throw Invalid($"string offset {offset} lies outside {tableName} ({table.Size} bytes)");
            }

            long start = table.Offset + offset;
            long end = start;
            long tableEnd = table.Offset + table.Size;
            while (end < tableEnd && _image[end] != 0)
            {
                end++;
            }

            if (end == tableEnd)
            {
                throw Invalid($"string at offset {offset} in {tableName} has no terminating NUL");
            }

            return Encoding.ASCII.GetString(_image, (int)start, (int)(end - start));
        }

        // Returns true when the count bytes at offset and the terminating byte after them are all NUL.
        public bool IsZeroPadded(Section table, long offset, int count)
        {
            if (offset < 0 || offset + count >= table.Size)
            {
                return false;
            }

            for (long position = table.Offset + offset; position <= table.Offset + offset + count; position++)
            {
                if (_image[position] != 0)
                {
                    return false;
                }
            }

            return true;
        }

        // Walks the Elf64_Verneed list and its Elf64_Vernaux records.
        public List<VersionNeed> ReadVersionNeeds(Section needs, Section names)
        {
            var result = new List<VersionNeed>();
            long maxRecords = needs.Size / VernauxSize;
            long needOffset = 0;
            for (int file = 0; ; file++)
            {
                CheckInSection(needs, needOffset, VerneedSize, ".gnu.version_r");
                long need = needs.Offset + needOffset;
                ushort auxCount = ReadU16(need + 2);
                uint auxOffset = ReadU32(need + 8);
                uint next = ReadU32(need + 12);

                long aux = needOffset + auxOffset;
                for (int i = 0; i < auxCount; i++)
                {
                    CheckInSection(needs, aux, VernauxSize, ".gnu.version_r");
                    long record = needs.Offset + aux;
                    string name = ReadString(names, ReadU32(record + 8), "string table of .gnu.version_r");
                    result.Add(new VersionNeed(name, ReadU16(record + 4), ReadU16(record + 6), record + 4));
                    if (result.Count > maxRecords)
                    {
                        throw Invalid(".gnu.version_r records form a loop");
                    }

                    aux += ReadU32(record + 12);
                }

                if (next == 0)
                {
                    return result;
                }

                if (file >= maxRecords)
                {
                    throw Invalid(".gnu.version_r records form a loop");
                }

                needOffset += next;
            }
        }

        // Rejects the rename when any other string reference in .dynamic, .dynsym or the version
        // sections points into the bytes that would be overwritten, because a linker may store a
        // name as the tail of a longer one.
        public void CheckNoSharedName(
            Section names, long start, int length, int target,
            Section symbols, int symbolCount, Section versionNeeds, Section versionNeedNames)
        {
            var references = new List<KeyValuePair<long, string>>();
            for (int index = 0; index < symbolCount; index++)
            {
                if (index != target)
                {
                    references.Add(new KeyValuePair<long, string>(ReadU32(symbols.Offset + ((long)index * SymbolSize)), $".dynsym entry {index}"));
                }
            }

            if (versionNeedNames.Index == names.Index)
            {
                AddVersionNeedReferences(versionNeeds, references);
            }

            foreach (Section definitions in _sections.FindAll(section => section.Type == SectionTypeVersionDefinitions && section.Link == names.Index))
            {
                AddVersionDefinitionReferences(definitions, references);
            }

            foreach (Section dynamic in _sections.FindAll(section => section.Type == SectionTypeDynamic && section.Link == names.Index))
            {
                AddDynamicReferences(dynamic, references);
            }

            foreach (KeyValuePair<long, string> reference in references)
            {
                if (reference.Key >= start && reference.Key < start + length)
                {
                    throw Invalid($"{reference.Value} points into the .dynstr bytes of {ImportedSymbol} (offset {reference.Key}), so they cannot be overwritten");
                }
            }
        }

        private void AddVersionNeedReferences(Section needs, List<KeyValuePair<long, string>> references)
        {
            long needOffset = 0;
            for (long file = 0; file <= needs.Size / VerneedSize; file++)
            {
                long need = needs.Offset + needOffset;
                references.Add(new KeyValuePair<long, string>(ReadU32(need + 4), ".gnu.version_r file name"));

                long aux = needOffset + ReadU32(need + 8);
                for (int i = 0; i < ReadU16(need + 2); i++)
                {
                    long record = needs.Offset + aux;
                    references.Add(new KeyValuePair<long, string>(ReadU32(record + 8), ".gnu.version_r version name"));
                    aux += ReadU32(record + 12);
                }

                uint next = ReadU32(need + 12);
                if (next == 0)
                {
                    return;
                }

                needOffset += next;
            }
        }

        private void AddVersionDefinitionReferences(Section definitions, List<KeyValuePair<long, string>> references)
        {
            long definitionOffset = 0;
            for (long entry = 0; entry <= definitions.Size / VerdefSize; entry++)
            {
                CheckInSection(definitions, definitionOffset, VerdefSize, ".gnu.version_d");
                long definition = definitions.Offset + definitionOffset;
                long aux = definitionOffset + ReadU32(definition + 12);
                for (int i = 0; i < ReadU16(definition + 6); i++)
                {
                    CheckInSection(definitions, aux, VerdauxSize, ".gnu.version_d");
                    long record = definitions.Offset + aux;
                    references.Add(new KeyValuePair<long, string>(ReadU32(record), ".gnu.version_d version name"));
                    uint nextAux = ReadU32(record + 4);
                    if (nextAux == 0)
                    {
                        break;
                    }

                    aux += nextAux;
                }

                uint next = ReadU32(definition + 16);
                if (next == 0)
                {
                    return;
                }

                definitionOffset += next;
            }

            throw Invalid(".gnu.version_d records form a loop");
        }

        private void AddDynamicReferences(Section dynamic, List<KeyValuePair<long, string>> references)
        {
            for (long entry = dynamic.Offset; entry + DynamicEntrySize <= dynamic.Offset + dynamic.Size; entry += DynamicEntrySize)
            {
                long tag = (long)ReadU64(entry);
                if (tag == 0)
                {
                    return;
                }

                if (Array.IndexOf(DynamicStringTags, tag) >= 0)
                {
                    references.Add(new KeyValuePair<long, string>((long)ReadU64(entry + 8), $".dynamic entry with tag 0x{tag:x}"));
                }
            }
        }

        private void ReadSectionHeaders()
        {
            ulong headerOffset = ReadU64(0x28);
            ushort headerSize = ReadU16(0x3a);
            long count = ReadU16(0x3c);
            if (headerOffset == 0)
            {
                throw Invalid("no section header table (e_shoff is 0)");
            }

            if (headerSize != SectionHeaderSize)
            {
                throw Invalid($"section header size {headerSize} is not the ELF64 size {SectionHeaderSize}");
            }

            if (headerOffset > (ulong)_image.Length - SectionHeaderSize)
            {
                throw Invalid($"section header table at offset {headerOffset} lies past the end of the file ({_image.Length} bytes), so the file is truncated");
            }

            // With 0xff00 or more sections, e_shnum is 0 and section 0's sh_size contains the count.
            if (count == 0)
            {
                count = (long)Math.Min(ReadU64((long)headerOffset + 32), int.MaxValue);
            }

            if ((ulong)count * SectionHeaderSize > (ulong)_image.Length - headerOffset)
            {
                throw Invalid($"section header table at offset {headerOffset} with {count} entries lies past the end of the file ({_image.Length} bytes), so the file is truncated");
            }

            for (int index = 0; index < count; index++)
            {
                long header = (long)headerOffset + ((long)index * SectionHeaderSize);
                uint type = ReadU32(header + 4);
                ulong offset = ReadU64(header + 24);
                ulong size = ReadU64(header + 32);
                uint link = ReadU32(header + 40);

                // SHT_NOBITS (8) sections such as .bss occupy no file bytes.
                if (type != 8 && type != 0 && (offset > (ulong)_image.Length || size > (ulong)_image.Length - offset))
                {
                    throw Invalid($"section {index} (offset {offset}, {size} bytes) lies past the end of the file ({_image.Length} bytes), so the file is truncated");
                }

                _sections.Add(new Section(index, type, (long)Math.Min(offset, (ulong)_image.Length), (long)Math.Min(size, (ulong)_image.Length), link));
            }
        }

        private void CheckInSection(Section section, long offset, int size, string name)
        {
            if (offset < 0 || offset + size > section.Size)
            {
                throw Invalid($"record at offset {offset} runs past the end of {name} ({section.Size} bytes)");
            }
        }

        private void CheckRange(long offset, int size)
        {
            if (offset < 0 || offset + size > _image.Length)
            {
                throw Invalid($"read of {size} bytes at offset {offset} lies past the end of the file ({_image.Length} bytes)");
            }
        }
    }
}

#if !NETCOREAPP
/// <summary>
/// MSBuild task that applies <see cref="ElfSymbolVersionPatch"/> to libLibTorchSharp.so copies
/// in an output folder when the system libstdc++ lacks GLIBCXX_3.4.32.
/// </summary>
/// <remarks>
/// RoslynCodeTaskFactory compiles this file without preprocessor symbols, while SDK builds for
/// .NET define NETCOREAPP, so this public class exists only in the inline task assembly.
/// </remarks>
public sealed class PatchLibTorchSharp : Task
{
    /// <summary>Gets or sets the library files to patch in place.</summary>
    [Required]
    public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Gets or sets the NuGet package folder, whose files are never patched.</summary>
    public string PackageRoot { get; set; } = string.Empty;

    /// <inheritdoc />
    public override bool Execute()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return true;
        }

        string? libStdCxx = ElfSymbolVersionPatch.FindSystemLibStdCxx();
        if (libStdCxx == null)
        {
            Log.LogMessage(MessageImportance.Low, $"No libstdc++.so.6 found in {string.Join(", ", ElfSymbolVersionPatch.SystemLibraryDirectories())}, so {ElfSymbolVersionPatch.LibraryFileName} is left unpatched.");
            return true;
        }

        if (ElfSymbolVersionPatch.DefinesVersion(libStdCxx, ElfSymbolVersionPatch.RequiredVersion))
        {
            Log.LogMessage(MessageImportance.Low, $"{libStdCxx} defines {ElfSymbolVersionPatch.RequiredVersion}, so {ElfSymbolVersionPatch.LibraryFileName} needs no patch.");
            return true;
        }

        foreach (ITaskItem library in Libraries)
        {
            PatchOne(library.GetMetadata("FullPath"), libStdCxx);
        }

        return !Log.HasLoggedErrors;
    }

    private void PatchOne(string path, string libStdCxx)
    {
        if (IsInsidePackageRoot(path))
        {
            Log.LogError($"Rejected patching {path} because it lies in the NuGet package folder {PackageRoot}. Only copies in output folders may be patched, so point OutDir or PublishDir outside that folder.");
            return;
        }

        try
        {
            ElfPatchOutcome outcome = ElfSymbolVersionPatch.PatchInPlace(path);
            switch (outcome)
            {
                case ElfPatchOutcome.Patched:
                    Log.LogMessage(MessageImportance.High, $"Patched {path} to load with {libStdCxx}, which lacks {ElfSymbolVersionPatch.RequiredVersion}.");
                    break;
                case ElfPatchOutcome.AlreadyPatched:
                    Log.LogMessage(MessageImportance.Normal, $"{path} is already patched.");
                    break;
                default:
                    Log.LogMessage(MessageImportance.Normal, $"{path} does not require {ElfSymbolVersionPatch.RequiredVersion}, so it is left unchanged.");
                    break;
            }
        }
        catch (Exception exception) when (exception is InvalidDataException || exception is IOException || exception is UnauthorizedAccessException)
        {
            Log.LogError(
                $"Failed to patch {ElfSymbolVersionPatch.LibraryFileName} for this system's libstdc++, which lacks {ElfSymbolVersionPatch.RequiredVersion}: {exception.Message} "
                + "Delete the output folder and rebuild. If the error remains, install libstdc++ from GCC 13 or newer, "
                + "or skip the patch with -p:KerasClassifierPatchLibTorchSharp=false (TorchSharp then fails to load here).");
        }
    }

    private bool IsInsidePackageRoot(string path)
    {
        if (string.IsNullOrEmpty(PackageRoot))
        {
            return false;
        }

        string root = Path.GetFullPath(PackageRoot).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(path).StartsWith(root, StringComparison.Ordinal);
    }
}
#endif
