// What the formatters of messages with placeholders promise a client, checked by tsc --strict
// (the fixture tests/fixtures/placeholders/agree): each line marked as an expected error must
// be one, every other line must compile.
import { BadValueError, FileTooLargeError, ResultCode, TemplateNotFoundError, format, formatBadValue, formatFileTooLarge, formatTemplateNotFound } from "placeholder-errors/messages";

const positional: string = formatFileTooLarge(10, "20");
const inKorean: string = formatFileTooLarge(10, 20, "ko");
const named: string = formatTemplateNotFound({ templateId: "t1", project: 7 });
const both: string = formatBadValue(3, { field: "age" }, "ko");
const byCode: string = format(ResultCode.FILE_TOO_LARGE, 1, 2);
const noArguments: string = format(ResultCode.INVALID_PARAMETER);
const namedByCode: string = format(ResultCode.TEMPLATE_NOT_FOUND, { templateId: "t", project: "p" });
const error: FileTooLargeError = FileTooLargeError.withArgs(1, 2);
const withResponse: TemplateNotFoundError = TemplateNotFoundError.withArgs({ templateId: "t", project: "p" }, { response: {} });
const mixed: BadValueError = BadValueError.withArgs(1, { field: "f" });

// @ts-expect-error FILE_TOO_LARGE takes two arguments
formatFileTooLarge(1);
// @ts-expect-error an object is no placeholder's argument
formatFileTooLarge(1, {});
// @ts-expect-error the names are templateId and project
formatTemplateNotFound({ templateId: "t" });
// @ts-expect-error no placeholder is named other
formatTemplateNotFound({ templateId: "t", project: "p", other: 1 });
// @ts-expect-error BAD_VALUE takes {0} and then {field}
formatBadValue({ field: "f" });
// @ts-expect-error INVALID_PARAMETER's message takes no argument
format(ResultCode.INVALID_PARAMETER, 1);
// @ts-expect-error FILE_TOO_LARGE takes two arguments
format(ResultCode.FILE_TOO_LARGE, 1);
// @ts-expect-error TEMPLATE_NOT_FOUND takes its arguments by name
format(ResultCode.TEMPLATE_NOT_FOUND, "t", "p");
// @ts-expect-error withArgs takes the message's arguments
FileTooLargeError.withArgs();
// @ts-expect-error a message without placeholders has no withArgs
ResultCode.INVALID_PARAMETER && (await import("placeholder-errors/messages")).InvalidParameterError.withArgs(1);

void positional, inKorean, named, both, byCode, noArguments, namedByCode, error, withResponse, mixed;
