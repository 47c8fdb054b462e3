"""One business's catalog as typed, immutable values, read from the playbook's `catalog:` section."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

CENTS = Decimal("0.01")


def money(value: Any) -> Decimal:
    """YAML gives floats; going through str keeps 1.1 as 1.10 instead of 1.100000000000000088817841970012523."""
    return Decimal(str(value)).quantize(CENTS)


def _aliases(data: dict) -> tuple[str, ...]:
    return tuple(str(alias) for alias in data.get("aliases") or ())


def _names(data: dict) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """`names: {es: [...], zh: [...]}` as sorted pairs, so catalogs stay hashable (matching caches by catalog)."""
    return tuple((language, tuple(str(name) for name in names)) for language, names in sorted((data.get("names") or {}).items()))


class Named:
    """Names in other languages: the first is what the read-back says in that language, the rest are aliases.
    English is `name` and `aliases`, and still matches in every language ("una large de pepperoni")."""

    name: str
    aliases: tuple[str, ...]
    names: tuple[tuple[str, tuple[str, ...]], ...]

    def names_in(self, language: str) -> tuple[str, ...]:
        return next((names for code, names in self.names if code == language), ())

    def spoken_name(self, language: str = "en") -> str:
        return (self.names_in(language) or (self.name,))[0]

    def phrases(self, language: str = "en") -> tuple[str, ...]:
        """Everything a caller speaking the language may call it."""
        return (self.name, *self.aliases, *self.names_in(language))


@dataclass(frozen=True)
class PricedOption(Named):
    """What variations and modifiers share: an id, a name callers say, a price and other ways to say it."""

    id: str
    name: str
    price: Decimal
    aliases: tuple[str, ...] = ()
    names: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @classmethod
    def from_dict(cls, data: dict):
        return cls(id=data["id"], name=data["name"], price=money(data["price"]), aliases=_aliases(data), names=_names(data))


@dataclass(frozen=True)
class Variation(PricedOption):
    """A size or form of an item ("large", "12 piece"); its price is the line's base price."""


@dataclass(frozen=True)
class Modifier(PricedOption):
    """An extra on a line ("extra cheese"); its price adds to the variation's."""


@dataclass(frozen=True)
class ModifierList:
    id: str
    name: str
    modifiers: tuple[Modifier, ...]

    @classmethod
    def from_dict(cls, data: dict) -> "ModifierList":
        return cls(id=data["id"], name=data["name"], modifiers=tuple(Modifier.from_dict(m) for m in data["modifiers"]))


@dataclass(frozen=True)
class Item(Named):
    id: str
    name: str
    category: str
    aliases: tuple[str, ...]
    variations: tuple[Variation, ...]
    default_variation_id: str | None = None
    modifier_list_ids: tuple[str, ...] = ()
    description: str = ""
    duration_minutes: int | None = None
    turnaround_minutes: int | None = None
    inventory: int | None = None
    max_guests: int | None = None
    stock: int | None = None
    names: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @classmethod
    def from_dict(cls, data: dict) -> "Item":
        return cls(
            id=data["id"],
            name=data["name"],
            category=data.get("category") or "",
            aliases=_aliases(data),
            variations=tuple(Variation.from_dict(v) for v in data["variations"]),
            default_variation_id=data.get("default_variation"),
            modifier_list_ids=tuple(data.get("modifier_lists") or ()),
            description=data.get("description") or "",
            duration_minutes=data.get("duration_minutes"),
            turnaround_minutes=data.get("turnaround_minutes"),
            inventory=data.get("inventory"),
            max_guests=data.get("max_guests"),
            stock=data.get("stock"),
            names=_names(data),
        )

    def variation(self, variation_id: str | None) -> Variation | None:
        return next((v for v in self.variations if v.id == variation_id), None)

    @property
    def default_variation(self) -> Variation | None:
        """The named default, or the only variation; None means the caller has to choose (a size, say)."""
        if self.default_variation_id:
            return self.variation(self.default_variation_id)
        return self.variations[0] if len(self.variations) == 1 else None


@dataclass(frozen=True)
class Catalog:
    items: tuple[Item, ...]
    modifier_lists: tuple[ModifierList, ...] = ()

    @classmethod
    def from_dict(cls, catalog_section: dict) -> "Catalog":
        return cls(
            items=tuple(Item.from_dict(i) for i in catalog_section["items"]),
            modifier_lists=tuple(ModifierList.from_dict(m) for m in catalog_section.get("modifier_lists") or ()),
        )

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)

    def modifier_list(self, list_id: str) -> ModifierList | None:
        return next((m for m in self.modifier_lists if m.id == list_id), None)

    def modifiers_for(self, item: Item) -> tuple[Modifier, ...]:
        """Every modifier the item accepts, in the order its lists name them."""
        lists = (self.modifier_list(list_id) for list_id in item.modifier_list_ids)
        return tuple(modifier for found in lists if found for modifier in found.modifiers)

    def modifier(self, modifier_id: str, item: Item | None = None) -> Modifier | None:
        """By id, among the item's modifiers when an item is given, else among all."""
        pool = self.modifiers_for(item) if item else (m for found in self.modifier_lists for m in found.modifiers)
        return next((m for m in pool if m.id == modifier_id), None)
