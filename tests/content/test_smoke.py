from tests.text import unwrap_words


def test_home_renders_both_languages(client, site_tree):
    zh = client.get("/zh-hans/")
    assert zh.status_code == 200
    assert "探索未来医学" in unwrap_words(zh.content.decode())
    en = client.get("/en/")
    assert en.status_code == 200
    assert "Exploring future medicine" in en.content.decode()
