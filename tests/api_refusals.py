"""The shape every refusal of the JSON APIs (``/api/v2/``, ``/api/search/``) keeps, checked by one helper."""


def refusal(client, url, params=None, status=400, language=None, method="get"):
    """The message of a refusal, after checking that its shape is the APIs': JSON ``{"message"}``, never stored by
    a cache (for a GET; nothing stores the answer to a POST anyway), varying with Accept-Language."""
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    response = getattr(client, method)(url, params or {}, **headers)
    assert response.status_code == status, (url, params, response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/json"
    if method == "get":
        assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert "Accept-Language" in response["Vary"]
    data = response.json()
    assert list(data) == ["message"] and isinstance(data["message"], str)
    return data["message"]
