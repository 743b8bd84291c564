// Training and prediction throughput of TensorFlow.js Layers, workload W1, on the WebAssembly
// backend and on the plain JavaScript ("cpu") backend. The WebAssembly backend of tfjs 4.22 has no
// Conv2DBackpropFilter kernel, so it cannot train this model: its fit rows record the error, and
// training is measured on the cpu backend.
//
// The model is the library's default CNN written with tf.layers. It has Rescaling, then four blocks
// of Conv2D (no bias, "same"), BatchNormalization (momentum 0.9, epsilon 1e-3) and ReLU, with max
// pooling after the first three, then global average pooling, dropout 0.3 and a softmax Dense head.
// model.fit trains it with Adam (epsilon 1e-7) and sparse categorical cross-entropy, as Keras does.
// The images are random 0..255 values. Each result is one JSON line on stdout, in the schema of the
// .NET TrainingBenchmark.
//
// Usage: node bench.js [--rounds N] [--steps N] [--warmup N] [--backends wasm,cpu] [--out FILE]

const fs = require('fs');
const tf = require('@tensorflow/tfjs');
const wasm = require('@tensorflow/tfjs-backend-wasm');

const WORKLOAD = { name: 'w1', description: 'SmallCnn 64x64, batch 32', imageSize: 64, batchSize: 32, classes: 10 };

function parseArguments(argv) {
  const options = { rounds: 3, steps: 12, warmup: 3, out: null, workload: 'w1', threads: 1, backends: 'wasm,cpu' };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    if (!(name in options) || i + 1 >= argv.length) {
      throw new Error(`Invalid argument '${argv[i]}'; expected --rounds, --steps, --warmup, --threads, --workload, --backends or --out with a value.`);
    }
    options[name] = ['out', 'workload', 'backends'].includes(name) ? argv[i + 1] : Number.parseInt(argv[i + 1], 10);
  }
  if (options.workload !== 'w1') {
    throw new Error(`Invalid --workload '${options.workload}'; the TensorFlow.js contender runs w1 only.`);
  }
  return options;
}

function createModel() {
  const size = WORKLOAD.imageSize;
  const model = tf.sequential();
  model.add(tf.layers.rescaling({ scale: 1 / 255, inputShape: [size, size, 3] }));
  [32, 64, 128, 256].forEach((filters, i) => {
    model.add(tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', useBias: false }));
    model.add(tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-3 }));
    model.add(tf.layers.reLU());
    if (i < 3) {
      model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    }
  });
  model.add(tf.layers.globalAveragePooling2d({}));
  model.add(tf.layers.dropout({ rate: 0.3 }));
  model.add(tf.layers.dense({ units: WORKLOAD.classes, activation: 'softmax' }));
  model.compile({
    optimizer: tf.train.adam(1e-3, 0.9, 0.999, 1e-7),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });
  return model;
}

function loadAverage() {
  try {
    return Number.parseFloat(fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return null;
  }
}

function cpuSeconds() {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

function write(options, record) {
  const line = JSON.stringify({ ...record, load1: loadAverage() });
  console.log(line);
  if (options.out) {
    fs.appendFileSync(options.out, line + '\n');
  }
}

async function measureBackend(options, backend) {
  await tf.setBackend(backend);
  await tf.ready();

  const examples = options.steps * WORKLOAD.batchSize;
  const size = WORKLOAD.imageSize;
  const images = tf.randomUniform([examples, size, size, 3], 0, 256, 'float32', 1234).floor();
  const labels = tf.randomUniform([examples], 0, WORKLOAD.classes, 'float32', 1235).floor();
  const warmupCount = options.warmup * WORKLOAD.batchSize;
  const warmupImages = images.slice(0, Math.max(warmupCount, 1));
  const warmupLabels = labels.slice(0, Math.max(warmupCount, 1));

  const model = createModel();
  const fit = (x, y) => model.fit(x, y, { batchSize: WORKLOAD.batchSize, epochs: 1, shuffle: true, verbose: 0 });
  const predict = (x) => {
    const output = model.predict(x, { batchSize: WORKLOAD.batchSize });
    output.dataSync();
    output.dispose();
  };

  const common = {
    workload: WORKLOAD.name,
    description: WORKLOAD.description,
    // Both backends run one thread in Node.js: the threaded WebAssembly build needs a browser's cross-origin isolation.
    threads: backend === 'wasm' ? wasm.getThreadsCount() : 1,
    batch_size: WORKLOAD.batchSize,
    steps: options.steps,
    contender: 'tfjs',
    memory_format: backend,
    version: `tfjs ${tf.version.tfjs}, ${backend} backend`,
  };

  // Warm-up compiles the kernels and allocates the backend's buffers. A missing kernel shows as
  // an error on the first fit, which is recorded in place of that phase's rounds.
  const unsupported = new Set();
  const attempt = async (phase, run) => {
    if (unsupported.has(phase)) {
      return false;
    }
    try {
      await run();
      return true;
    } catch (error) {
      unsupported.add(phase);
      write(options, { ...common, kind: 'unsupported', phase, error: error.message });
      return false;
    }
  };
  if (warmupCount > 0) {
    await attempt('fit', () => fit(warmupImages, warmupLabels));
    await attempt('predict', () => predict(warmupImages));
  }

  for (const phase of ['fit', 'predict']) {
    for (let round = 0; round < options.rounds; round++) {
      const cpu = cpuSeconds();
      const start = process.hrtime.bigint();
      const completed = await attempt(phase, () => (phase === 'fit' ? fit(images, labels) : predict(images)));
      if (!completed) {
        break;
      }
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const cpuUsed = cpuSeconds() - cpu;
      write(options, {
        ...common,
        kind: 'throughput',
        phase,
        round,
        images: examples,
        seconds: Number(seconds.toFixed(4)),
        images_per_s: Number((examples / seconds).toFixed(2)),
        cpu_seconds: Number(cpuUsed.toFixed(4)),
        images_per_cpu_s: Number((examples / cpuUsed).toFixed(2)),
      });
    }
  }

  model.dispose();
  tf.dispose([images, labels, warmupImages, warmupLabels]);
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  for (const backend of options.backends.split(',')) {
    await measureBackend(options, backend);
  }
}

main().catch((error) => {
  console.error(`error: ${error.message}`);
  process.exit(1);
});
