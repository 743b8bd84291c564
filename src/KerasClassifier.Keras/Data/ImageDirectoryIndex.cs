namespace KerasClassifier.Keras.Data;

/// <summary>
/// The classes and image files found under a root folder: every folder below the root that directly
/// contains images is one class, named by its path relative to the root with '/' separators.
/// </summary>
/// <remarks>
/// Hidden files and folders (name starting with '.') and symbolic links to folders are not visited.
/// Images directly in the root are ignored when class folders exist, as Keras does.
/// </remarks>
internal sealed class ImageDirectoryIndex
{
    private ImageDirectoryIndex(IReadOnlyList<string> classNames, IReadOnlyList<ImageFile> files)
    {
        ClassNames = classNames;
        Files = files;
    }

    /// <summary>Gets the class names; a label indexes this list.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Gets the image files ordered by class id, then by path (ordinal).</summary>
    public IReadOnlyList<ImageFile> Files { get; }

    /// <summary>
    /// Scans <paramref name="directory"/> for class folders and images.
    /// </summary>
    /// <param name="directory">Root folder.</param>
    /// <param name="classNames">
    /// Explicit class list that sets the ids; every class folder found must be in it, but classes of the
    /// list need not have a folder. Null sorts the folders found ordinally.
    /// </param>
    /// <exception cref="DirectoryNotFoundException">The root folder does not exist.</exception>
    /// <exception cref="ArgumentException">No images were found, or a folder is not in <paramref name="classNames"/>.</exception>
    public static ImageDirectoryIndex Scan(string directory, IReadOnlyList<string>? classNames)
    {
        string root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Image directory '{directory}' was not found.");
        }

        var filesByClass = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        int rootImages = CollectImages(root, root, filesByClass);
        if (filesByClass.Count == 0)
        {
            throw new ArgumentException(NoImagesMessage(directory, root, rootImages), nameof(directory));
        }

        IReadOnlyList<string> names = classNames is null
            ? filesByClass.Keys.Order(StringComparer.Ordinal).ToList()
            : AlignWithClassNames(directory, filesByClass.Keys, classNames);

        var files = new List<ImageFile>();
        for (int label = 0; label < names.Count; label++)
        {
            if (!filesByClass.TryGetValue(names[label], out List<string>? paths))
            {
                continue;
            }

            paths.Sort(StringComparer.Ordinal);
            files.AddRange(paths.Select(path => new ImageFile(path, label)));
        }

        return new ImageDirectoryIndex(names, files);
    }

    /// <summary>
    /// Adds the images of <paramref name="folder"/> and its subfolders to <paramref name="filesByClass"/>
    /// and returns the number of images directly in the root.
    /// </summary>
    private static int CollectImages(string root, string folder, Dictionary<string, List<string>> filesByClass)
    {
        var options = new EnumerationOptions
        {
            AttributesToSkip = FileAttributes.None,
            IgnoreInaccessible = false,
            RecurseSubdirectories = false,
        };

        var images = Directory.EnumerateFiles(folder, "*", options)
            .Where(path => !IsHidden(path) && ImageFormats.HasImageExtension(path))
            .ToList();

        int rootImages = 0;
        if (string.Equals(folder, root, StringComparison.Ordinal))
        {
            rootImages = images.Count;
        }
        else if (images.Count > 0)
        {
            string className = Path.GetRelativePath(root, folder).Replace(Path.DirectorySeparatorChar, '/');
            filesByClass[className] = images;
        }

        foreach (string subfolder in Directory.EnumerateDirectories(folder, "*", options))
        {
            if (IsHidden(subfolder) || new DirectoryInfo(subfolder).LinkTarget is not null)
            {
                continue;
            }

            CollectImages(root, subfolder, filesByClass);
        }

        return rootImages;
    }

    private static bool IsHidden(string path) => Path.GetFileName(path).StartsWith('.');

    private static string NoImagesMessage(string directory, string root, int rootImages)
    {
        if (rootImages > 0)
        {
            return $"Image directory '{directory}' contains {rootImages} images but no class folders; " +
                "put the images of each class in their own subfolder.";
        }

        bool empty = !Directory.EnumerateFileSystemEntries(root).Any();

        return empty
            ? $"Image directory '{directory}' is empty; expected one subfolder of images per class."
            : $"No images found in '{directory}' or its subfolders; accepted extensions: {ImageFormats.ExtensionList}.";
    }

    private static List<string> AlignWithClassNames(
        string directory,
        IEnumerable<string> foundClasses,
        IReadOnlyList<string> classNames)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in classNames)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("classNames contains an empty name.", nameof(classNames));
            }

            if (!known.Add(name))
            {
                throw new ArgumentException($"classNames contains '{name}' more than once.", nameof(classNames));
            }
        }

        foreach (string found in foundClasses.Order(StringComparer.Ordinal))
        {
            if (!known.Contains(found))
            {
                string closest = string.Join(", ", NameSuggestions.Closest(found, classNames));
                throw new ArgumentException(
                    $"Folder '{found}' in '{directory}' is not one of the {classNames.Count} classNames; closest names: {closest}.",
                    nameof(classNames));
            }
        }

        return classNames.ToList();
    }
}
