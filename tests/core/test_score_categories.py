from cswork.health import categories
from cswork.seed import SCORE_CATEGORIES


def test_categories_come_in_their_order_with_names_and_weights(book):
    with book.session() as session:
        found = categories(session)
    assert [(c.key, c.name) for c in found] == SCORE_CATEGORIES
    assert [c.weight_bp for c in found] == [1250] * 8
