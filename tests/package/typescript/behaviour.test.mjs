// What a client relies on of the generated TypeScript package, run by Node's test runner on the
// package that ERRGEN_TS_PACKAGE names (tsc's dist/index.js, or index.ts under type stripping).
import assert from "node:assert/strict";
import { test } from "node:test";

const pkg = await import(process.env.ERRGEN_TS_PACKAGE);
const { general_ocr: ocr, pose_estimation: pose } = pkg;

test("ResultCode maps each key to its code, frozen by `as const` in type only", () => {
  assert.equal(ocr.ResultCode.SUCCESS, 0);
  assert.equal(ocr.ResultCode.NOT_FOUND, 404);
  assert.equal(ocr.ResultCode.INVALID_PARAMETER, 4000001);
  assert.equal(ocr.resultKey(4000001), "INVALID_PARAMETER");
  assert.equal(ocr.message(ocr.ResultCode.INVALID_PARAMETER), "Invalid parameter.");
  assert.deepEqual(ocr.LOCALIZED.get(4000001), { en: "Invalid parameter." });
  assert.equal(ocr.message(4000001, "xx"), "Invalid parameter.");
});

test("type guards and tryFrom accept the catalog's codes and keys only", () => {
  assert.equal(ocr.isResultCode(404), true);
  assert.equal(ocr.isResultCode(4099999), false);
  assert.equal(ocr.isResultCode("404"), false);
  assert.equal(ocr.isResultKey("NOT_FOUND"), true);
  assert.equal(ocr.isResultKey("toString"), false);
  assert.equal(ocr.tryFrom("4000001"), 4000001);
  assert.equal(ocr.tryFrom(4099999), null);
  assert.equal(ocr.tryFrom("1e3"), null);
});

test("the class of a code sits under its status class and is an error of its catalog", () => {
  const error = ocr.fromCode(4000001, "bad input");
  assert.ok(error instanceof ocr.InvalidParameterError);
  assert.ok(error instanceof pkg.BadRequest);
  assert.ok(error instanceof pkg.ClientError);
  assert.ok(error instanceof pkg.ApiError);
  assert.ok(error instanceof Error);
  assert.ok(error instanceof ocr.GeneralOcrError);
  assert.ok(ocr.isGeneralOcrError(error));
  assert.ok(!(error instanceof pose.PoseEstimationError));
  assert.ok(!(error instanceof pkg.ServerError));
  assert.equal(error.name, "InvalidParameterError");
  assert.equal(String(error), "[4000001 INVALID_PARAMETER] bad input");
  assert.deepEqual([error.code, error.key, error.httpStatus, error.catalog], [4000001, "INVALID_PARAMETER", 400, "general_ocr"]);
  assert.equal(ocr.fromCode(404).message, "Not Found");
  assert.equal(ocr.InvalidParameterError.code, 4000001);
});

test("an unknown code is classified by the status rule, as in Python", () => {
  const unavailable = ocr.fromCode(5039999);
  assert.ok(unavailable instanceof pkg.ServiceUnavailable);
  assert.ok(unavailable instanceof ocr.GeneralOcrError);
  assert.deepEqual([unavailable.key, unavailable.httpStatus, unavailable.retryable], ["UNKNOWN", 503, true]);
  assert.equal(ocr.exceptionClassForCode(5039999), ocr.exceptionClassForCode("5039999"));
  const client = ocr.fromCode(4099999);
  assert.ok(client instanceof pkg.ClientError && !(client instanceof pkg.BadRequest));
  assert.equal(client.retryable, false);
  const other = ocr.fromCode(12345);
  assert.equal(other.constructor, ocr.GeneralOcrError);
  assert.equal(other.httpStatus, null);
  assert.throws(() => ocr.fromCode("x"), TypeError);
  assert.equal(pkg.statusForCode(5039999), 503);
  assert.equal(pkg.statusForCode(0), 200);
  assert.equal(pkg.statusForCode(12345), null);
});

test("raiseForResult returns for success and throws the code's error otherwise", () => {
  assert.equal(ocr.raiseForResult({ header: { isSuccessful: true, resultCode: 0 } }), undefined);
  assert.equal(ocr.raiseForResult({ header: { resultCode: 0 } }), undefined);
  assert.throws(
    () => ocr.raiseForResult({ header: { isSuccessful: false, resultCode: "4000001", resultMessage: "from the server" } }),
    (error) => error instanceof ocr.InvalidParameterError && error.message === "from the server" && error.response !== undefined,
  );
  for (const body of [[], null, "text", { header: [] }, { header: { isSuccessful: "no", resultCode: 1 } },
    { header: { isSuccessful: false } }, { header: { resultCode: "abc" } }, { header: { isSuccessful: true, resultCode: 404 } },
    { header: { isSuccessful: false, resultCode: 0 } }]) {
    assert.throws(() => ocr.raiseForResult(body), (error) => error instanceof pkg.MalformedResponseError && error.code === null, JSON.stringify(body));
  }
});

test("retryable errors are told apart", () => {
  assert.equal(pkg.isRetryable(ocr.fromCode(5039999)), true);
  assert.equal(pkg.isRetryable(ocr.fromCode(4000001)), false);
  assert.equal(pkg.isRetryable(new Error("x")), false);
  assert.ok(pkg.isApiError(ocr.fromCode(404)) && pkg.isClientError(ocr.fromCode(404)) && pkg.isServerError(ocr.fromCode(5000001)));
});

test("the index lists the catalogs and the package's version", () => {
  assert.deepEqual(pkg.CATALOG_IDS, ["general_ocr", "pose_estimation"]);
  assert.equal(typeof pkg.VERSION, "string");
});
