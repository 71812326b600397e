// What the types of the generated package promise a client, checked by tsc --strict: each line
// marked as an expected error must be one, every other line must compile.
import { ApiError, ClientError } from "ai-service-errors";
import { GeneralOcrError, ResultCode, type ResultKey, fromCode, isResultCode, isResultKey, message } from "ai-service-errors/general_ocr";

const code: ResultCode = ResultCode.INVALID_PARAMETER;
const union: 0 | -1 | 404 | 4000001 extends ResultCode ? true : false = true;
// @ts-expect-error 12345 is no code of the catalog
const notACode: ResultCode = 12345;
const key: ResultKey = "INVALID_PARAMETER";
// @ts-expect-error NO_SUCH_KEY is no key of the catalog
const notAKey: ResultKey = "NO_SUCH_KEY";
// @ts-expect-error the object is read-only
ResultCode.NOT_FOUND = 1;
// @ts-expect-error message takes the catalog's codes
message(12345);

const received: unknown = JSON.parse("404");
if (isResultCode(received)) {
  const narrowed: ResultCode = received;
  void narrowed;
}
const text: unknown = "NOT_FOUND";
if (isResultKey(text)) {
  const narrowedKey: ResultKey = text;
  void narrowedKey;
}

const caught: unknown = fromCode(404);
if (caught instanceof GeneralOcrError) {
  const known: number | null = caught.code;
  const status: number | null = caught.httpStatus;
  void known, status;
}
if (caught instanceof ClientError) {
  const base: ApiError = caught;
  void base;
}
const error: GeneralOcrError = fromCode("4000001", null, { response: { header: {} } });
void code, union, notACode, key, notAKey, error;
