using System.Text.Json.Nodes;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Saving.Serialization;
using static TorchSharp.torch;
using KerasInputLayer = KerasClassifier.Keras.Layers.InputLayer;

namespace KerasClassifier.Keras.Models;

/// <summary>A linear stack of layers, each feeding the next, as Keras's <c>Sequential</c>.</summary>
/// <remarks>
/// Once the input shape is known, the stack is kept as a functional graph (one input layer, one call
/// per layer), which runs the model and which <see cref="Model.Summary"/> walks, as in Keras.
/// </remarks>
/// <example>
/// <code>
/// var model = new Sequential([
///     new InputLayer([28, 28, 1]),
///     new Conv2D(32, 3, activation: "relu"),
///     new MaxPooling2D(2),
///     new Flatten(),
///     new Dense(10, activation: "softmax"),
/// ]);
/// model.Compile("adam", "sparse_categorical_crossentropy", ["accuracy"]);
/// </code>
/// </example>
public sealed class Sequential : Model
{
    private readonly List<Layer> layers = [];
    private readonly List<KerasTensor> layerOutputs = [];
    private InputLayer? graphInput;
    private Functional? graph;

    /// <summary>Initializes a new instance of the <see cref="Sequential"/> class.</summary>
    /// <param name="layers">The layers in order; an <see cref="Layers.InputLayer"/> first fixes the input shape and builds the model at once.</param>
    /// <param name="name">The model name (default <c>sequential</c>, made unique).</param>
    public Sequential(IEnumerable<Layer>? layers = null, string? name = null)
        : base(name)
    {
        foreach (var layer in layers ?? [])
        {
            Add(layer);
        }
    }

    /// <summary>Gets the input layer, when the model was given one.</summary>
    public InputLayer? InputLayer { get; private set; }

    /// <inheritdoc/>
    public override IReadOnlyList<Layer> Layers => layers;

    /// <summary>Appends a layer; when the input shape is known the layer is built at once, so a shape error shows here.</summary>
    /// <param name="layer">The layer.</param>
    /// <exception cref="ArgumentException">The name is taken, the input layer is not first, or the layer does not fit the previous output shape.</exception>
    public void Add(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (layer is InputLayer input)
        {
            if (InputLayer is not null || layers.Count > 0)
            {
                throw new ArgumentException($"InputLayer '{input.Name}' must be the first layer of Sequential model '{Name}' and may appear only once.", nameof(layer));
            }

            InputLayer = input;
            graphInput = input;
            Build(input.BatchShape);
            return;
        }

        if (layers.Any(l => l.Name == layer.Name) || InputLayer?.Name == layer.Name)
        {
            throw new ArgumentException(
                $"All layers added to a Sequential model should have unique names; name '{layer.Name}' is already the name of a layer in model '{Name}'.", nameof(layer));
        }

        if (Built)
        {
            // Applying the layer to the current output builds it, so a shape mismatch is reported now.
            var output = layer.Apply(layerOutputs.Count > 0 ? layerOutputs[^1] : graphInput!.Output);
            layers.Add(layer);
            layerOutputs.Add(output);
            RefreshGraph();
            return;
        }

        layers.Add(layer);
    }

    /// <summary>Removes the last layer, as Keras's <c>pop</c>.</summary>
    /// <returns>The removed layer.</returns>
    /// <exception cref="InvalidOperationException">The model has no layers.</exception>
    public Layer Pop()
    {
        if (layers.Count == 0)
        {
            throw new InvalidOperationException($"Sequential model '{Name}' has no layers to pop.");
        }

        var last = layers[^1];
        layers.RemoveAt(layers.Count - 1);
        if (Built)
        {
            layerOutputs.RemoveAt(layerOutputs.Count - 1);
            RefreshGraph();
        }

        return last;
    }

    /// <summary>Creates the model and its layers from a Keras config, as Keras's <c>Sequential.from_config</c>.</summary>
    /// <param name="config">The <c>config</c> object: Keras 3 and Keras 2 forms, including Keras 2.1's bare layer list wrapped as <c>{"layers": [...]}</c>.</param>
    /// <returns>The model, built when the config gives its input shape.</returns>
    /// <exception cref="NotSupportedException">A layer class or option is not supported.</exception>
    /// <exception cref="InvalidDataException">The config is malformed or the layers do not fit together.</exception>
    public static Sequential FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var reader = new ConfigReader(config, $"Sequential model '{config["name"]}'");
        var entries = config["layers"] as JsonArray ?? throw reader.Missing("layers");
        var model = new Sequential(name: reader.GetName());

        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] as JsonObject ?? throw reader.Invalid("layers", entries[i], "a list of layer entries");
            var layer = LayerRegistry.Deserialize(entry);

            // Keras 2 files declare the input on the first layer instead of an InputLayer entry.
            if (i == 0 && layer is not KerasInputLayer
                && entry["config"] is JsonObject firstConfig
                && LegacyConfigConverter.DeclaredBatchShape(firstConfig) is { } declared)
            {
                var batchShape = Shape.FromJson(declared).Dims;
                if (batchShape.Length < 2)
                {
                    throw reader.Invalid("layers", declared, $"an input shape with the batch axis and at least one more axis on layer '{layer.Name}'");
                }

                model.AddLoaded(new KerasInputLayer(batchShape[1..]), reader);
            }

            model.AddLoaded(layer, reader);
        }

        if (!model.Built && config["build_input_shape"] is JsonArray buildShape)
        {
            model.BuildLoaded(Shape.FromJson(buildShape), reader);
        }

        return model;
    }

    /// <inheritdoc/>
    internal override HashSet<Node>? GraphNodes => graph?.Graph.Nodes;

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) =>
        layers.Aggregate(inputShape, (shape, layer) => layer.ComputeOutputShape(shape));

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var layerConfigs = new JsonArray();
        if (InputLayer is not null)
        {
            layerConfigs.Add(Saving.LayerEnvelope.Create(InputLayer));
        }

        foreach (var layer in layers)
        {
            layerConfigs.Add(Saving.LayerEnvelope.Create(layer));
        }

        var config = new JsonObject
        {
            ["name"] = Name,
            ["trainable"] = Trainable,
            ["dtype"] = "float32",
            ["layers"] = layerConfigs,
        };
        if (BuiltInputShape is not null)
        {
            config["build_input_shape"] = BuiltInputShape.ToJson();
        }

        return config;
    }

    private void AddLoaded(Layer layer, ConfigReader reader)
    {
        try
        {
            Add(layer);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"{reader.Subject}: layer '{layer.Name}' ({layer.ClassName}) cannot be added: {ex.Message}", ex);
        }
    }

    private void BuildLoaded(Shape inputShape, ConfigReader reader)
    {
        try
        {
            Build(inputShape);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"{reader.Subject} cannot be built for input shape {inputShape}: {ex.Message}", ex);
        }
    }

    /// <inheritdoc/>
    protected override void BuildCore(Shape inputShape)
    {
        // Without an InputLayer the input shape arrives with the first batch or Build call, as in Keras.
        graphInput ??= new InputLayer(inputShape.Dims.Skip(1).ToArray());
        layerOutputs.Clear();
        var x = graphInput.Output;
        foreach (var layer in layers)
        {
            x = layer.Apply(x);
            layerOutputs.Add(x);
        }

        RefreshGraph();
    }

    internal override Tensor Call(Tensor x, bool training)
    {
        if (graph is null)
        {
            throw new InvalidOperationException($"Sequential model '{Name}' is not built; call Build(shape) or start it with an InputLayer.");
        }

        return graph.Call(x, training);
    }

    private void RefreshGraph()
    {
        graph = new Functional(graphInput!.Output, layerOutputs.Count > 0 ? layerOutputs[^1] : graphInput.Output, Name);
        if (Built)
        {
            UpdateOutputShape(graph.Outputs[0].Shape);
        }
    }
}
