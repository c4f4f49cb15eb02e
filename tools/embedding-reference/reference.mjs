// Produces tests/Bot.Tests/Embeddings/embedding-reference.json: for each packaged sentence-transformers
// model, the token ids Hugging Face's tokenizer gives (tokenizers.js, from a tokenizer.json written
// the way the models' own tokenizer.json files are: BertNormalizer, BertPreTokenizer, WordPiece) and
// the pooled, normalised vectors ONNX Runtime for Node computes from them. Nothing here shares code
// with the bot, so the C# tokenizer and forward pass are checked against an independent path.
//
//   dotnet build src/Bot          # extracts the models into src/Bot/bin/.../models/
//   cd tools/embedding-reference && npm install --ignore-scripts
//   node reference.mjs ../../src/Bot/bin/Debug/net10.0/linux-x64/models > ../../tests/Bot.Tests/Embeddings/embedding-reference.json
import { readFileSync } from "node:fs";
import { Tokenizer } from "@huggingface/tokenizers";
import ort from "onnxruntime-node";

const modelsFolder = process.argv[2];
// Each model's sentence-transformers configuration: max_seq_length, the pooling module, the query prompt.
const models = [
  { name: "all-MiniLM-L6-v2", maxTokens: 256, pooling: "mean", queryPrefix: "" },
  { name: "snowflake-arctic-embed-xs", maxTokens: 512, pooling: "cls", queryPrefix: "Represent this sentence for searching relevant passages: " },
];

const digest = readFileSync(new URL("../../../shared/digests/000_8b8fd2ba4d509a1e.txt", import.meta.url), "utf-8")
  .split("\n").filter((line) => line.trim().length > 0).slice(5);
let long = "";
for (let i = 0; long.length < 20000; i++) {
  long += digest[(i % 40) * 2 + 1] + " ";
}
long = long.slice(0, 20000);

const texts = [
  { name: "title", text: digest[0] },
  { name: "title and abstract", text: `${digest[2]}. ${digest[3]}` },
  { name: "abstract", text: digest[5] },
  { name: "empty", text: "" },
  { name: "one character", text: "a" },
  { name: "only punctuation", text: "?!...;:--()[]{}" },
  { name: "ascii symbols", text: "a<b>c = d + $5 ^ ~ | x_y `code` @user #tag 100% a&b a*b a\\b" },
  { name: "math symbols", text: "3×3 kernels, x² ≤ ∞, ±0.3 µm at 25 °C, 10⁻⁶, ½ · α→β" },
  { name: "accents", text: "Café naïve résumé Ångström Škoda Zürich façade coöperate" },
  { name: "emoji", text: "Diffusion models 🚀🔥 are fun 😀 👍🏽" },
  { name: "chinese", text: "深度学习模型的知识蒸馏" },
  { name: "japanese and korean", text: "日本語のテキスト と 한국어 텍스트" },
  { name: "arabic", text: "التعلم العميق للنماذج اللغوية" },
  { name: "cyrillic", text: "Глубокое обучение языковых моделей" },
  { name: "latex leftovers", text: "a textbf{Gen}erattextbf{i}ve textbf{e}ngine with D{=}1 and 64{times}64 {\\it fixed-budget}" },
  { name: "url", text: "Code is available at https://github.com/prateeky2806/ties-merging." },
  { name: "crlf and tabs", text: "First line\r\nsecond\tline\r\n\tindented\u000bvertical" },
  { name: "invisible characters", text: "zero\u200bwidth soft\u00adhyphen non\u00a0breaking bom\ufeffhere nul\u0000char" },
  { name: "full-width and ligatures", text: "ＡＢＣ ｆｕｌｌ ｗｉｄｔｈ ﬁnal ﬂow" },
  { name: "all caps", text: "KNOWLEDGE DISTILLATION FOR ROBUST MODELS" },
  { name: "digits", text: "3.14159 2024 10:30 1e-6 774-Million 1/100" },
  { name: "long word", text: "a" + "b".repeat(150) + " short" },
  { name: "20000 characters", text: long },
];

const output = [];
for (const model of models) {
  const vocab = readFileSync(`${modelsFolder}/${model.name}/vocab.txt`, "utf-8").split(/\r?\n/);
  if (vocab.at(-1) === "") vocab.pop();
  const tokenizer = new Tokenizer(tokenizerJson(vocab), { do_lower_case: true, model_max_length: model.maxTokens });
  const session = await ort.InferenceSession.create(`${modelsFolder}/${model.name}/model.onnx`);
  const cases = [];
  for (const { name, text } of texts) {
    for (const role of model.queryPrefix ? ["document", "query"] : ["document"]) {
      const ids = encode(tokenizer, (role === "query" ? model.queryPrefix : "") + text, model.maxTokens);
      cases.push({ name, role, text, ids, embedding: await embed(session, ids, model.pooling) });
    }
  }
  output.push({ model: model.name, max_tokens: model.maxTokens, pooling: model.pooling, query_prefix: model.queryPrefix, cases });
}
process.stdout.write(JSON.stringify({ models: output }, null, 1) + "\n");

// sentence-transformers truncates to max_seq_length, [CLS] and [SEP] included.
function encode(tokenizer, text, maxTokens) {
  const pieces = tokenizer.encode(text, { add_special_tokens: false }).ids;
  return [101, ...pieces.slice(0, maxTokens - 2), 102];
}

async function embed(session, ids, pooling) {
  const shape = [1, ids.length];
  const feeds = {
    input_ids: new ort.Tensor("int64", BigInt64Array.from(ids.map(BigInt)), shape),
    attention_mask: new ort.Tensor("int64", BigInt64Array.from(ids.map(() => 1n)), shape),
    token_type_ids: new ort.Tensor("int64", new BigInt64Array(ids.length), shape),
  };
  const states = (await session.run(feeds, ["last_hidden_state"])).last_hidden_state;
  const hidden = states.dims[2];
  const vector = new Float64Array(hidden);
  const rows = pooling === "cls" ? 1 : ids.length;
  for (let t = 0; t < rows; t++) {
    for (let h = 0; h < hidden; h++) vector[h] += states.data[t * hidden + h] / rows;
  }
  const norm = Math.hypot(...vector);
  return Array.from(vector, (v) => Number((v / norm).toPrecision(8)));
}

// The tokenizer.json that Hugging Face writes for an uncased BERT vocabulary.
function tokenizerJson(vocab) {
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"].map((content) => ({
      id: vocab.indexOf(content), content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
    })),
    normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: null,
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: {
      type: "WordPiece", unk_token: "[UNK]", continuing_subword_prefix: "##", max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((token, id) => [token, id])),
    },
  };
}
