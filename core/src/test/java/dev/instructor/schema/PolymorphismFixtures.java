package dev.instructor.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIdentityInfo;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.ObjectIdGenerators;
import java.util.List;
import java.util.Objects;

/** Caller types Jackson reads polymorphically, one per kind of type id and way of including it. */
final class PolymorphismFixtures {
    private PolymorphismFixtures() {}

    /** Members without properties of their own, told apart by their type id alone. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Quit.class, name = "quit"),
        @JsonSubTypes.Type(value = Say.class, name = "say"),
        @JsonSubTypes.Type(value = Pause.class, name = "pause")
    })
    sealed interface Command permits Quit, Say, Pause {}

    record Quit() implements Command {}

    record Say(String text) implements Command {}

    /** A bean without properties. */
    static final class Pause implements Command {
        @Override
        public boolean equals(Object other) {
            return other instanceof Pause;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    /** A wrapper-object union with a member without properties: {@code {"Stop": {}}}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
    sealed interface Signal permits Stop, Go {}

    record Stop() implements Signal {}

    record Go(int speed) implements Signal {}

    record Macro(List<Command> commands, Signal signal) {}

    /** Type id: the fully qualified class name, in {@code "@class"}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
    sealed interface Vehicle permits Car, Bike {}

    record Car(int seats) implements Vehicle {}

    record Bike(boolean electric) implements Vehicle {}

    /** Type id: the simple class name. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME)
    sealed interface Pet permits Cat, Dog {}

    record Cat(String name) implements Pet {}

    @JsonTypeName("doggo")
    record Dog(String name) implements Pet {}

    /** Type id: the class name relative to the base type's package, in {@code "@c"}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.MINIMAL_CLASS)
    sealed interface Fruit permits Apple, Pear {}

    record Apple(String variety) implements Fruit {}

    record Pear(String variety) implements Fruit {}

    /** The type id is a property the subtypes declare themselves, and Jackson passes to them ({@code visible}). */
    @JsonTypeInfo(
            use = JsonTypeInfo.Id.NAME,
            include = JsonTypeInfo.As.EXISTING_PROPERTY,
            property = "kind",
            visible = true)
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Deposit.class, name = "deposit"),
        @JsonSubTypes.Type(value = Withdrawal.class, name = "withdrawal")
    })
    interface Transaction {
        String kind();
    }

    record Deposit(String kind, long amount) implements Transaction {}

    record Withdrawal(String kind, long amount, String atm) implements Transaction {}

    /** The value sits under its type id: {@code {"note": {...}}}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Note.class, name = "note"),
        @JsonSubTypes.Type(Photo.class),
        @JsonSubTypes.Type(value = Sticker.class, name = "sticker")
    })
    interface Attachment {}

    record Note(String text) implements Attachment {}

    record Photo(String url, int width) implements Attachment {}

    /** A subtype with one property named after its field and one not: its schema is more than victools' own. */
    static final class Sticker implements Attachment {
        private final String symbol;
        private final int size;

        @JsonCreator
        Sticker(@JsonProperty("emoji") String emoji, @JsonProperty("size") int size) {
            this.symbol = emoji;
            this.size = size;
        }

        public String getEmoji() {
            return symbol;
        }

        public int getSize() {
            return size;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Sticker sticker && symbol.equals(sticker.symbol) && size == sticker.size;
        }

        @Override
        public int hashCode() {
            return symbol.hashCode() + size;
        }
    }

    record Mail(String subject, List<Attachment> attachments) {}

    /** The value follows its type id in a two-element array: {@code ["line", {...}]}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_ARRAY)
    sealed interface Mark permits Line, Dot {}

    @JsonTypeName("line")
    record Line(int length) implements Mark {}

    @JsonTypeName("dot")
    record Dot(int size) implements Mark {}

    /** A member written as the array of its values after its type id: {@code ["dash", [3, "red"]]}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_ARRAY)
    sealed interface Stroke permits Dash, Blot {}

    @JsonTypeName("dash")
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    record Dash(int length, String colour) implements Stroke {}

    @JsonTypeName("blot")
    record Blot(int size) implements Stroke {}

    record Sketch(List<Stroke> strokes, Stroke main) {}

    /** The type id of {@code body} is its sibling {@code format}: not one object, so not one subschema. */
    record Envelope(
            @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXTERNAL_PROPERTY, property = "format")
            Attachment body) {}

    /** A default implementation, used by Jackson when the type id is missing; not listed as a subtype. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = PlainEvent.class)
    @JsonSubTypes({@JsonSubTypes.Type(value = ClickEvent.class, name = "click")})
    interface Event {}

    record ClickEvent(int x, int y) implements Event {}

    record PlainEvent(String label) implements Event {}

    /** Subtypes with several names each; Jackson writes the first and reads any. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "unit")
    @JsonSubTypes({
        @JsonSubTypes.Type(
                value = Metres.class,
                names = {"m", "metres", "meters"}),
        @JsonSubTypes.Type(
                value = Feet.class,
                names = {"ft", "feet"})
    })
    interface Length {}

    record Metres(double value) implements Length {}

    record Feet(double value) implements Length {}

    /** No type id at all: Jackson tells the subtypes apart by their properties. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
    sealed interface Payment permits Card, Transfer {}

    record Card(String number, String expiry) implements Payment {}

    record Transfer(String iban) implements Payment {}

    /** One property per polymorphic kind, read together. */
    record Catalogue(
            List<Vehicle> vehicles,
            List<Pet> pets,
            List<Fruit> fruits,
            List<Transaction> transactions,
            List<Event> events,
            List<Length> lengths,
            List<Payment> payments) {}

    /** A value under its type id, holding records that other properties hold too. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
    sealed interface Visit permits Pickup, Dropoff {}

    @JsonTypeName("pickup")
    record Pickup(Fixtures.Address at) implements Visit {}

    @JsonTypeName("dropoff")
    record Dropoff(Fixtures.Address at, String note) implements Visit {}

    /** A value after its type id, holding records that other properties hold too. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_ARRAY)
    sealed interface Hop permits Walk {}

    @JsonTypeName("walk")
    record Walk(Fixtures.Address from, Fixtures.Address to) implements Hop {}

    /** Wrapped union members whose records are referenced from {@code $defs}. */
    record Delivery(List<Visit> visits, Hop hop, Fixtures.Address depot) {}

    /** A union with an identity: the first time the type id, the id and the rest, afterwards the id alone. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonIdentityInfo(generator = ObjectIdGenerators.IntSequenceGenerator.class)
    sealed interface Asset permits Image, Video {}

    @JsonTypeName("image")
    record Image(String url) implements Asset {}

    @JsonTypeName("video")
    record Video(String url, int seconds) implements Asset {}

    /** The same under its type id: {@code {"chip": {"@id": "...", ...}}}, then the id alone. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
    @JsonIdentityInfo(generator = ObjectIdGenerators.UUIDGenerator.class)
    sealed interface Part permits Chip, Wire {}

    @JsonTypeName("chip")
    record Chip(String model) implements Part {}

    @JsonTypeName("wire")
    record Wire(int length) implements Part {}

    /** The same after its type id: {@code ["pin", {"@id": 1, ...}]}, then the id alone. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_ARRAY)
    @JsonIdentityInfo(generator = ObjectIdGenerators.IntSequenceGenerator.class)
    sealed interface Marker permits Pin, Flag {}

    @JsonTypeName("pin")
    record Pin(double lat, double lon) implements Marker {}

    @JsonTypeName("flag")
    record Flag(String colour) implements Marker {}

    /** Told apart by their properties, with an identity: {@code {"@id": 1, "volts": 5}}, then the id alone. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
    @JsonIdentityInfo(generator = ObjectIdGenerators.IntSequenceGenerator.class)
    sealed interface Sensor permits Voltmeter, Thermometer {}

    record Voltmeter(int volts) implements Sensor {}

    record Thermometer(double celsius) implements Sensor {}

    /** A union without an identity, one member with its own: in the union always in full, with its id. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    sealed interface Token permits Coin, Chit {}

    @JsonTypeName("coin")
    @JsonIdentityInfo(generator = ObjectIdGenerators.IntSequenceGenerator.class)
    record Coin(int cents) implements Token {}

    @JsonTypeName("chit")
    record Chit(String note) implements Token {}

    /** The same under its type id: {@code {"ticket": {"@id": "...", ...}}}, as a union member. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
    sealed interface Pass permits Ticket, Waiver {}

    @JsonTypeName("ticket")
    @JsonIdentityInfo(generator = ObjectIdGenerators.UUIDGenerator.class)
    record Ticket(String seat) implements Pass {}

    @JsonTypeName("waiver")
    record Waiver(String reason) implements Pass {}

    /**
     * Members with an identity of their own: Jackson reads their id where a property is declared as the member, and
     * fails on it where the property is declared as the union.
     */
    record Purse(List<Token> tokens, Token main, Coin spare, List<Pass> passes, Ticket kept) {}

    /**
     * A union whose members Jackson reads otherwise where a value is declared as the member: a member with an identity
     * of its own (in the union in full, elsewhere its id too), one with a type id of its own (in the union the
     * union's {@code "kind"}, elsewhere its {@code "form"}) and one without any ({@code Id.NONE}: in the union
     * {@code "kind"}, elsewhere none).
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    sealed interface Tender permits Banknote, Cheque, Voucher, Cash {}

    @JsonTypeName("banknote")
    @JsonIdentityInfo(generator = ObjectIdGenerators.IntSequenceGenerator.class)
    record Banknote(int value) implements Tender {}

    @JsonTypeName("cheque")
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "form")
    record Cheque(String payee) implements Tender {}

    @JsonTypeName("voucher")
    @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
    record Voucher(String code) implements Tender {}

    /** Read alike in the union and as itself: one definition for both. */
    @JsonTypeName("cash")
    record Cash(int cents) implements Tender {}

    /** Each member of {@link Tender} twice in the union and twice as itself. */
    record Till(
            List<Tender> tendered,
            Tender last,
            Banknote banknote,
            List<Banknote> banknotes,
            Cheque cheque,
            List<Cheque> cheques,
            Voucher voucher,
            List<Voucher> vouchers,
            Cash cash,
            List<Cash> coins) {}

    /** An abstract base whose own property is the id of every subtype. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({@JsonSubTypes.Type(value = Book.class, name = "book")})
    @JsonIdentityInfo(generator = ObjectIdGenerators.PropertyGenerator.class, property = "sku")
    public abstract static class Item {
        public String sku;
    }

    /** A subtype of {@link Item}; equal when its properties are. */
    public static final class Book extends Item {
        public String title;

        public Book() {}

        Book(String sku, String title) {
            this.sku = sku;
            this.title = title;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Book book && Objects.equals(sku, book.sku) && Objects.equals(title, book.title);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sku, title);
        }
    }

    /** Each union with an identity, its first value written again by id. */
    record Library(
            List<Asset> assets,
            Asset cover,
            List<Part> parts,
            Part spare,
            List<Marker> markers,
            Marker home,
            List<Item> items,
            Item featured,
            List<Sensor> sensors,
            Sensor main) {}
}
