// The formatted text of messages with placeholders (the fixture tests/fixtures/placeholders/agree),
// run by Node's test runner on the package that ERRGEN_TS_PACKAGE names.
import assert from "node:assert/strict";
import { test } from "node:test";

const pkg = await import(process.env.ERRGEN_TS_PACKAGE);
const { messages } = pkg;

test("positional placeholders take the arguments in order, {0} and {1} by number", () => {
  assert.equal(messages.formatFileTooLarge(10, "20"), "Maximum permitted size is 10 bytes. But, requested 20 bytes.");
  assert.equal(messages.formatMissingField("user", "name"), "Field name of user is missing; name is required.");
  assert.equal(messages.format(messages.ResultCode.INVALID_DATE, "2024-13-01", "month"), "Date format is invalid. 2024-13-01: month");
});

test("named placeholders take an object; doubled braces are braces", () => {
  assert.equal(messages.formatTemplateNotFound({ templateId: "t1", project: 7 }), "Template t1 of project 7 not found.");
  assert.equal(messages.formatLiteralBraces({ id: 5 }), 'Send {"id": 5} as the body.');
  assert.equal(messages.formatBadValue(-1, { field: "age" }), "Value -1 of age is invalid.");
  assert.equal(messages.format(messages.ResultCode.INVALID_PARAMETER), "Invalid parameter.");
});

test("a locale chooses the translation, with the same arguments", () => {
  assert.equal(messages.formatFileTooLarge(10, 20, "ko"), "최대 10바이트까지 허용되지만 20바이트를 요청했습니다.");
  assert.equal(messages.formatBadValue(3, { field: "나이" }, "ko"), "나이의 값 3이(가) 잘못되었습니다.");
  assert.equal(messages.formatTemplateNotFound({ templateId: "t", project: "p" }, "xx"), "Template t of project p not found.");
});

test("withArgs builds the code's error with the formatted message", () => {
  const error = messages.FileTooLargeError.withArgs(1, 2, { response: { header: {} } });
  assert.ok(error instanceof messages.FileTooLargeError && error instanceof pkg.BadRequest);
  assert.equal(String(error), "[4000001 FILE_TOO_LARGE] Maximum permitted size is 1 bytes. But, requested 2 bytes.");
  assert.deepEqual(error.response, { header: {} });
  assert.equal(messages.TemplateNotFoundError.withArgs({ templateId: "a", project: "b" }).message, "Template a of project b not found.");
  assert.equal(messages.InvalidParameterError.withArgs, undefined);
});

test("formatMessage keeps braces that are no placeholder as written", () => {
  assert.equal(pkg.formatMessage("{a.b} {0} {self} {{x}} }", ["v"], { self: "s" }, []), "{a.b} v {self} {x} }");
});
