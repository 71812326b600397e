"""OpenAPI for a catalog with operations: one response per operation, with only its codes."""

from __future__ import annotations

from pathlib import Path

import yaml


def test_one_response_per_operation_with_only_its_codes(errgen, fixture_dir: Path, tmp_path: Path) -> None:
    assert errgen("generate", "operations", "--out", str(tmp_path / "out"), cwd=fixture_dir).code == 0
    document = yaml.safe_load((tmp_path / "out/openapi/face_finder.openapi.yaml").read_text(encoding="utf-8"))
    responses = document["components"]["responses"]
    problem = responses.pop("FaceFinderProblem")  # the catalog's codes as problem details, not per operation
    assert sorted(problem["content"]["application/problem+json"]["examples"]) == sorted(
        ["InvalidParam", "ServiceQuotaExceededException", "UnauthorizedAppKeyOrSecretKey", "CodeMinus45020"]
    )
    examples = {name: sorted(r["content"]["application/json"]["examples"]) for name, r in responses.items()}
    assert examples == {
        "FaceFinderError": sorted(
            [
                "FaceFinderInvalidParam",
                "FaceFinderServiceQuotaExceededException",
                "FaceFinderUnauthorizedAppKeyOrSecretKey",
                "FaceFinderCodeMinus45020",
            ]
        ),
        "FaceFinderCreateGroupsError": sorted(
            ["FaceFinderInvalidParam", "FaceFinderServiceQuotaExceededException", "FaceFinderUnauthorizedAppKeyOrSecretKey"]
        ),
        "FaceFinderRegisterFaceError": sorted(
            ["FaceFinderInvalidParam", "FaceFinderServiceQuotaExceededException", "FaceFinderCodeMinus45020"]
        ),
        "FaceFinderDeleteGroupError": ["FaceFinderInvalidParam"],  # its success row is no error
    }
    defined = document["components"]["examples"]
    for response in responses.values():
        for example in response["content"]["application/json"]["examples"].values():
            assert example["$ref"].removeprefix("#/components/examples/") in defined
    assert "Create Groups" in responses["FaceFinderCreateGroupsError"]["description"]
