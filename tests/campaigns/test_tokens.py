from sirius.campaigns.tokens import token_derive, token_hash, token_salt_new


def test_a_token_is_derived_again_from_its_salt_and_the_secret_key(settings):
    salt = token_salt_new()

    assert token_derive(salt) == token_derive(salt)
    assert len(token_derive(salt)) == 43  # 256 bits, URL-safe
    assert token_derive(salt) != token_derive(token_salt_new())


def test_another_secret_key_gives_another_token(settings):
    salt = token_salt_new()
    first = token_derive(salt)

    settings.SECRET_KEY = "another-secret-" + "y" * 40

    assert token_derive(salt) != first


def test_only_the_hash_identifies_a_token():
    token = token_derive(token_salt_new())

    assert token_hash(token) != token
    assert len(token_hash(token)) == 64
