// The official openai Node SDK against a running Gearbox: plain, streaming and tools.
// Usage: node contract.mjs http://127.0.0.1:PORT/v1  (exits non-zero, naming the check, on any mismatch)
import OpenAI from "openai";
import assert from "node:assert/strict";

const client = new OpenAI({ baseURL: process.argv[2], apiKey: "sk-anything", maxRetries: 0 });

const plain = await client.chat.completions.create({ model: "auto", messages: [{ role: "user", content: "Say hello" }] });
assert.equal(plain.object, "chat.completion", "plain: object");
assert.equal(plain.model, "demo-mid", "plain: model");
assert.ok(plain.id.startsWith("chatcmpl-"), "plain: id");
assert.ok(plain.choices[0].message.content.length > 0, "plain: content");
assert.equal(plain.choices[0].finish_reason, "stop", "plain: finish_reason");
assert.ok(plain.usage.completion_tokens > 0, "plain: usage");

let text = "";
let finish = null;
let usage = null;
const stream = await client.chat.completions.create({
  model: "auto", stream: true, stream_options: { include_usage: true },
  messages: [{ role: "user", content: "Tell me a story" }],
});
for await (const chunk of stream) {
  assert.equal(chunk.object, "chat.completion.chunk", "stream: object");
  if (chunk.usage) usage = chunk.usage;
  for (const c of chunk.choices) {
    if (c.delta.content) text += c.delta.content;
    if (c.finish_reason) finish = c.finish_reason;
  }
}
assert.ok(text.length > 0, "stream: text");
assert.equal(finish, "stop", "stream: finish_reason");
assert.ok(usage && usage.completion_tokens > 0, "stream: usage");

const tools = await client.chat.completions.create({
  model: "demo-frontier",
  messages: [{ role: "user", content: "Weather in Paris?" }],
  tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } }],
  tool_choice: { type: "function", function: { name: "get_weather" } },
});
const call = tools.choices[0].message.tool_calls[0];
assert.equal(call.type, "function", "tools: type");
assert.equal(call.function.name, "get_weather", "tools: name");
assert.ok("city" in JSON.parse(call.function.arguments), "tools: arguments");
assert.equal(tools.choices[0].finish_reason, "tool_calls", "tools: finish_reason");

try {
  await client.chat.completions.create({ model: "no-such-model", messages: [{ role: "user", content: "hi" }] });
  assert.fail("errors: expected a NotFoundError");
} catch (e) {
  assert.ok(e instanceof OpenAI.NotFoundError, "errors: NotFoundError, got " + e?.constructor?.name);
  assert.equal(e.error?.code ?? e.code, "model_not_found", "errors: code");
}
console.log("node openai SDK contract: all checks passed");
