// Talks to the gateway's OpenAI-compatible API with the official `openai` package, as any user's program
// would, and prints what it saw as one JSON object on stdout. The package comes from OPENAI_SDK_DIR (the test
// installs it there); the gateway's address and token from OPENAI_BASE_URL and OPENAI_API_KEY.
const OpenAI = require(process.env.OPENAI_SDK_DIR);

// Each step is named on stderr, which the test shows when the script fails.
const step = (name) => process.stderr.write(`step: ${name}\n`);

async function main() {
  const client = new OpenAI({ maxRetries: 0, timeout: 60_000 });
  const result = {};
  step('models');

  const models = await client.models.list();
  result.models = models.data.map((model) => model.id);

  step('completion');
  const completion = await client.chat.completions.create({
    model: 'gomikrobot',
    user: 'sdk-test',
    messages: [{ role: 'user', content: 'hello from the sdk' }],
  });
  result.completion = {
    id: completion.id,
    object: completion.object,
    content: completion.choices[0].message.content,
    finish_reason: completion.choices[0].finish_reason,
    total_tokens: completion.usage.total_tokens,
  };

  step('stream');
  const stream = await client.chat.completions.create({
    model: 'gomikrobot',
    user: 'sdk-test',
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'system', content: 'ignored' }, { role: 'user', content: 'stream to me' }],
  });
  const pieces = [];
  let usage = null;
  const finishReasons = [];
  for await (const chunk of stream) {
    for (const choice of chunk.choices) {
      if (choice.delta?.content) pieces.push(choice.delta.content);
      if (choice.finish_reason) finishReasons.push(choice.finish_reason);
    }
    if (chunk.usage) usage = chunk.usage;
  }
  result.stream = { pieces, finish_reasons: finishReasons, total_tokens: usage?.total_tokens ?? null };

  step('wrong key');
  try {
    await new OpenAI({ apiKey: 'not-the-token', maxRetries: 0, timeout: 60_000 }).models.list();
    result.wrongKey = { status: 0 };
  } catch (error) {
    result.wrongKey = { status: error.status, name: error.constructor.name, message: error.message };
  }

  step('unknown model');
  try {
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] });
    result.unknownModel = { status: 0 };
  } catch (error) {
    result.unknownModel = { status: error.status, code: error.code, type: error.type };
  }

  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((error) => {
  process.stderr.write(`sdk client failed: ${error.stack ?? error}\n`);
  process.exit(1);
});
