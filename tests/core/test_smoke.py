def test_platform_home_lists_institutions(client, institution, other_institution):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Alpha School of Medicine" in html
    assert "Beta College of Medicine" in html
