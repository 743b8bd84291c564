using System.Collections.Concurrent;
using System.Reflection;
using KerasClassifier.Keras.Layers;

namespace KerasClassifier.Keras.Models;

/// <summary>Finds the layers of a subclassed model in its fields, as Keras tracks layers assigned to attributes.</summary>
internal static class LayerTracking
{
    private static readonly ConcurrentDictionary<Type, FieldInfo[]> FieldsByType = new();

    /// <summary>Lists the layers held by the model's fields: base-class fields first, each class in declaration order.</summary>
    public static IReadOnlyList<Layer> FindLayerFields(Model model)
    {
        var found = new List<Layer>();
        foreach (var field in FieldsByType.GetOrAdd(model.GetType(), LayerFields))
        {
            switch (field.GetValue(model))
            {
                case Layer layer when !ReferenceEquals(layer, model):
                    found.Add(layer);
                    break;
                case IEnumerable<Layer> collection:
                    found.AddRange(collection.Where(l => l is not null && !ReferenceEquals(l, model)));
                    break;
            }
        }

        return found.Distinct().ToArray();
    }

    private static FieldInfo[] LayerFields(Type type)
    {
        var chain = new List<Type>();
        for (var t = type; t is not null && t != typeof(Model); t = t.BaseType)
        {
            chain.Insert(0, t);
        }

        return chain
            .SelectMany(t => t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Where(f => typeof(Layer).IsAssignableFrom(f.FieldType) || typeof(IEnumerable<Layer>).IsAssignableFrom(f.FieldType))
                .OrderBy(f => f.MetadataToken))
            .ToArray();
    }
}
