using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Saving.Onnx;
using KerasClassifier.Keras.Saving.Onnx.Proto;

namespace KerasClassifier.Keras.Applications;

/// <summary>
/// Loads the weights of a ResNet ONNX file (torchvision-style basic blocks) into a model built by
/// <see cref="ResNet18"/>.
/// </summary>
/// <remarks>
/// Weights are matched by walking the graph from its image input along the data flow. The stem is
/// Conv, BatchNormalization, Relu and MaxPool. Each block has the 3x3 Conv + BatchNormalization pairs
/// of the main path, the 1x1 projection pair when it has one, then Add and Relu. The order of the
/// initializer list is not used, because exporters store it in no particular order. Every shape,
/// stride and epsilon is checked against the model before anything is copied, so a file for another
/// network is rejected with the first difference, and the model keeps its weights.
/// </remarks>
internal static class ResNetOnnxImporter
{
    public static void Load(Sequential model, string path)
    {
        var graph = OnnxGraph.Load(path);
        var plan = new List<Action>();
        var walker = new Walker(graph, model, plan);
        walker.Walk();

        // Nothing is copied until the whole file has matched.
        foreach (var copy in plan)
        {
            copy();
        }
    }

    private sealed class Walker
    {
        private readonly OnnxGraph graph;
        private readonly Sequential model;
        private readonly List<Action> plan;

        public Walker(OnnxGraph graph, Sequential model, List<Action> plan)
        {
            this.graph = graph;
            this.model = model;
            this.plan = plan;
        }

        private string Expected => $"ResNet18 with basic-block stages [{string.Join(", ", ResNet18.StageBlocks)}]";

        public void Walk()
        {
            CheckConvolutionCount();

            if (graph.DataInputs.Count != 1)
            {
                throw Mismatch($"expected one image input, found {graph.DataInputs.Count}");
            }

            // Stem.
            var stemConv = Next(graph.DataInputs[0].Name, "Conv", "the image input");
            var tensor = ConvBn(stemConv, Layer<Conv2D>("conv1_conv"), Layer<BatchNormalization>("conv1_bn"));
            tensor = Next(tensor, "Relu", "conv1_bn").Output[0];
            var pool = Next(tensor, "MaxPool", "conv1_relu");
            RequireInts(pool, "kernel_shape", [3, 3], "pool1_pool");
            RequireInts(pool, "strides", [2, 2], "pool1_pool");
            tensor = pool.Output[0];

            // Residual blocks.
            for (var stage = 0; stage < ResNet18.StageBlocks.Count; stage++)
            {
                for (var index = 0; index < ResNet18.StageBlocks[stage]; index++)
                {
                    var block = Layer<ResNetBasicBlock>(ResNet18.BlockName(stage, index));
                    tensor = Block(tensor, block);
                }
            }

            var extra = graph.ConsumersOf(tensor).FirstOrDefault(n => n.OpType == "Conv");
            if (extra is not null)
            {
                throw Mismatch($"the network goes on with {OnnxGraph.Describe(extra)} after the last block {ResNet18.BlockName(3, ResNet18.StageBlocks[3] - 1)}; the file has more blocks");
            }
        }

        private void CheckConvolutionCount()
        {
            var expected = 1 + ResNet18.StageBlocks.Sum() * 2 + (ResNet18.StageBlocks.Count - 1);
            var found = graph.Nodes.Count(n => n.OpType == "Conv");
            if (found != expected)
            {
                throw Mismatch($"found {found} Conv nodes, expected {expected}");
            }
        }

        private string Block(string input, ResNetBasicBlock block)
        {
            var convs = graph.ConsumersOf(input).Where(n => n.OpType == "Conv").ToList();
            var main = convs.Where(n => KernelSide(n) == 3).ToList();
            var projection = convs.Where(n => KernelSide(n) == 1).ToList();
            if (main.Count != 1 || projection.Count != (block.ProjectShortcut ? 1 : 0))
            {
                var projectionText = block.ProjectShortcut ? "one 1x1 projection Conv" : "no projection";
                throw Mismatch(
                    $"block {block.Name} expects one 3x3 Conv and {projectionText} on its input, found {main.Count} 3x3 and {projection.Count} 1x1 Conv nodes");
            }

            var tensor = ConvBn(main[0], block.Conv1, block.Bn1);
            tensor = Next(tensor, "Relu", block.Bn1.Name).Output[0];
            var conv2 = Next(tensor, "Conv", block.Relu1.Name);
            tensor = ConvBn(conv2, block.Conv2, block.Bn2);

            var shortcut = block.ProjectShortcut ? ConvBn(projection[0], block.ShortcutConv!, block.ShortcutBn!) : input;
            var add = Next(tensor, "Add", block.Bn2.Name);
            if (!add.Input.Contains(shortcut))
            {
                throw Mismatch($"{OnnxGraph.Describe(add)} at the end of block {block.Name} does not add the block's shortcut '{shortcut}'");
            }

            return Next(add.Output[0], "Relu", $"{block.Name}_add").Output[0];
        }

        private string ConvBn(NodeProto conv, Conv2D convLayer, BatchNormalization bnLayer)
        {
            if (conv.Input.Count > 2)
            {
                throw Mismatch($"{OnnxGraph.Describe(conv)} for layer {convLayer.Name} has a bias; the layer has none");
            }

            RequireInts(conv, "strides", [convLayer.Strides.Height, convLayer.Strides.Width], convLayer.Name);
            RequireInts(conv, "group", [1], convLayer.Name, attributeIsScalar: true);
            var (dims, values) = graph.ReadFloatInitializer(conv.Input[1]);
            var kernel = convLayer.Weights.Single(w => w.Name == "kernel");

            // ONNX kernels are (out, in, kh, kw); Keras kernels are (kh, kw, in, out).
            long[] expected = [kernel.Shape[3], kernel.Shape[2], kernel.Shape[0], kernel.Shape[1]];
            if (!dims.SequenceEqual(expected))
            {
                throw Mismatch(
                    $"{OnnxGraph.Describe(conv)} has a weight of shape ({string.Join(", ", dims)}) (out, in, height, width); layer {convLayer.Name} needs ({string.Join(", ", expected)}), i.e. kernel {KerasVariable.FormatShape(kernel.Shape)}");
            }

            plan.Add(() => kernel.SetValue(OihwToHwio(values, dims)));

            var bn = Next(conv.Output[0], "BatchNormalization", convLayer.Name);
            var epsilon = OnnxGraph.GetFloat(bn, "epsilon", 1e-5f);
            if (Math.Abs(epsilon - bnLayer.Epsilon) > 1e-9)
            {
                throw Mismatch($"{OnnxGraph.Describe(bn)} has epsilon {epsilon}; layer {bnLayer.Name} uses {bnLayer.Epsilon}");
            }

            string[] names = ["gamma", "beta", "moving_mean", "moving_variance"];
            for (var i = 0; i < names.Length; i++)
            {
                var variable = bnLayer.Weights.Single(w => w.Name == names[i]);
                var (bnDims, bnValues) = graph.ReadFloatInitializer(bn.Input[i + 1]);
                if (bnValues.Length != variable.Count)
                {
                    throw Mismatch(
                        $"{OnnxGraph.Describe(bn)} input {i + 1} has shape ({string.Join(", ", bnDims)}); {variable.Path} needs {KerasVariable.FormatShape(variable.Shape)}");
                }

                plan.Add(() => variable.SetValue(bnValues));
            }

            return bn.Output[0];
        }

        private NodeProto Next(string tensor, string opType, string after)
        {
            var consumers = graph.ConsumersOf(tensor);
            var match = consumers.Where(n => n.OpType == opType).ToList();
            if (match.Count != 1)
            {
                var found = consumers.Count == 0 ? "nothing" : string.Join(", ", consumers.Select(OnnxGraph.Describe));
                throw Mismatch($"expected one {opType} node after {after} (tensor '{tensor}'), found {found}");
            }

            return match[0];
        }

        private void RequireInts(NodeProto node, string attribute, long[] expected, string layerName, bool attributeIsScalar = false)
        {
            long[] actual = attributeIsScalar
                ? node.Attribute.FirstOrDefault(a => a.Name == attribute) is { } a ? [a.I] : expected
                : OnnxGraph.GetInts(node, attribute, expected);
            if (!actual.SequenceEqual(expected))
            {
                throw Mismatch(
                    $"{OnnxGraph.Describe(node)} has {attribute} [{string.Join(", ", actual)}]; layer {layerName} uses [{string.Join(", ", expected)}]");
            }
        }

        private long KernelSide(NodeProto conv) =>
            OnnxGraph.GetInts(conv, "kernel_shape", []).FirstOrDefault();

        private T Layer<T>(string name)
            where T : Layer => (T)model.GetLayer(name);

        private InvalidDataException Mismatch(string detail) =>
            new($"'{graph.FilePath}' does not contain the weights of {Expected}: {detail}.");

        private static float[] OihwToHwio(float[] values, long[] dims)
        {
            int outChannels = (int)dims[0], inChannels = (int)dims[1], height = (int)dims[2], width = (int)dims[3];
            var result = new float[values.Length];
            for (var o = 0; o < outChannels; o++)
            {
                for (var i = 0; i < inChannels; i++)
                {
                    for (var h = 0; h < height; h++)
                    {
                        for (var w = 0; w < width; w++)
                        {
                            var source = ((o * inChannels + i) * height + h) * width + w;
                            var target = ((h * width + w) * inChannels + i) * outChannels + o;
                            result[target] = values[source];
                        }
                    }
                }
            }

            return result;
        }
    }
}
