package dev.promptly.bench.jars;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * The classes one class file uses (internal names such as {@code java/util/List}), read from its structure as the
 * JVM Specification lays it out (https://docs.oracle.com/javase/specs/jvms/se17/html/jvms-4.html): its super
 * class and interfaces, the descriptors of its fields and methods, every constant-pool entry its bytecode names
 * (class, member and method-type entries with their owners and descriptors, {@code ldc} of a class, invokedynamic
 * and its bootstrap method and arguments), caught exception types, the classes of its stack map frames (the
 * verifier loads these to check assignability), declared exceptions, its enclosing class and nest host, the
 * generic signatures reflection reads (§4.7.9) and the run-time visible annotations with their class-valued
 * elements (§4.7.16).
 *
 * <p>Constant-pool entries nothing uses are left out: javac leaves a class entry behind for a class whose
 * constant it inlined (such as {@code software.amazon.awssdk.http.HttpStatusCode} in SDK exceptions), and no JVM
 * ever loads it. Debug-only attributes (local variable tables) and invisible annotations name nothing that loads.
 */
public final class ClassFileReferences {
    private static final int MAGIC = 0xCAFEBABE;

    private final int[] tags;
    private final String[] utf8;
    private final int[] first;  // Class: name; member refs: class; NameAndType: descriptor; MethodHandle: reference; MethodType: descriptor; (Invoke)Dynamic: name-and-type
    private final int[] second; // member refs: name-and-type
    private final Set<String> names = new TreeSet<>();
    private int[][] bootstrapMethods = new int[0][];

    private ClassFileReferences(int constantCount) {
        this.tags = new int[constantCount];
        this.utf8 = new String[constantCount];
        this.first = new int[constantCount];
        this.second = new int[constantCount];
    }

    /**
     * The class's own internal name, the names it uses (its own excluded) and its string constants (the
     * constant pool's {@code CONSTANT_String} entries, §4.4.3: literals and the values of its {@code static final}
     * strings), from which {@link JarResourceCheck} reads the resource names it loads.
     */
    public record Result(String className, Set<String> references, Set<String> strings) {
    }

    public static Result of(byte[] classFile) {
        try (var in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a class file (no 0xCAFEBABE)");
            }
            in.readUnsignedShort(); // minor
            in.readUnsignedShort(); // major
            return new ClassFileReferences(in.readUnsignedShort()).read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Result read(DataInputStream in) throws IOException {
        readConstantPool(in);
        in.readUnsignedShort(); // access flags
        String thisClass = utf8[first[in.readUnsignedShort()]];
        int superClass = in.readUnsignedShort();
        if (superClass != 0) {
            use(superClass);
        }
        int interfaces = in.readUnsignedShort();
        for (int i = 0; i < interfaces; i++) {
            use(in.readUnsignedShort());
        }
        for (int kind = 0; kind < 2; kind++) { // fields, then methods: the same layout
            int members = in.readUnsignedShort();
            for (int i = 0; i < members; i++) {
                in.readUnsignedShort(); // access flags
                in.readUnsignedShort(); // name
                addDescriptor(utf8[in.readUnsignedShort()]);
                readAttributes(in, thisClass);
            }
        }
        readAttributes(in, thisClass);
        for (int[] method : bootstrapMethods) {
            for (int index : method) {
                use(index);
            }
        }
        names.remove(thisClass);
        Set<String> strings = new TreeSet<>();
        for (int i = 1; i < tags.length; i++) {
            if (tags[i] == 8) {
                strings.add(utf8[first[i]]);
            }
        }
        return new Result(thisClass, Set.copyOf(names), Set.copyOf(strings));
    }

    private void readConstantPool(DataInputStream in) throws IOException {
        for (int i = 1; i < tags.length; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // 8-byte constants take two slots (§4.4.5)
                }
                case 7, 16 -> first[i] = in.readUnsignedShort(); // class name, method type descriptor
                case 8 -> first[i] = in.readUnsignedShort(); // string
                case 19, 20 -> in.readUnsignedShort(); // module, package
                case 9, 10, 11 -> {
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                }
                case 12 -> {
                    in.readUnsignedShort(); // name
                    first[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte(); // reference kind
                    first[i] = in.readUnsignedShort();
                }
                case 17, 18 -> {
                    in.readUnsignedShort(); // bootstrap method: counted when the BootstrapMethods attribute is read
                    first[i] = in.readUnsignedShort();
                }
                default -> throw new IllegalArgumentException("unknown constant pool tag " + tag + " at " + i);
            }
        }
    }

    /** Adds the classes one constant-pool entry names, with what it points to. */
    private void use(int index) {
        switch (tags[index]) {
            case 7 -> {
                String name = utf8[first[index]];
                if (name.startsWith("[")) {
                    addDescriptor(name);
                } else {
                    names.add(name);
                }
            }
            case 9, 10, 11 -> {
                use(first[index]);
                use(second[index]);
            }
            case 12, 16 -> addDescriptor(utf8[first[index]]);
            case 15, 17, 18 -> use(first[index]);
            default -> {
                // strings and numbers name no class
            }
        }
    }

    private void readAttributes(DataInputStream in, String thisClass) throws IOException {
        int count = in.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            String name = utf8[in.readUnsignedShort()];
            int length = in.readInt();
            switch (name) {
                case "Code" -> readCode(in, thisClass);
                case "StackMapTable" -> readStackMap(in);
                case "Exceptions" -> {
                    int exceptions = in.readUnsignedShort();
                    for (int e = 0; e < exceptions; e++) {
                        use(in.readUnsignedShort());
                    }
                }
                case "InnerClasses" -> readInnerClasses(in, thisClass);
                case "EnclosingMethod" -> {
                    use(in.readUnsignedShort());
                    in.readUnsignedShort();
                }
                case "NestHost" -> use(in.readUnsignedShort());
                case "BootstrapMethods" -> readBootstrapMethods(in);
                case "Signature" -> addSignature(utf8[in.readUnsignedShort()]);
                case "RuntimeVisibleAnnotations" -> readAnnotations(in);
                case "RuntimeVisibleParameterAnnotations" -> {
                    int parameters = in.readUnsignedByte();
                    for (int p = 0; p < parameters; p++) {
                        readAnnotations(in);
                    }
                }
                case "AnnotationDefault" -> readElementValue(in);
                case "Record" -> {
                    int components = in.readUnsignedShort();
                    for (int c = 0; c < components; c++) {
                        in.readUnsignedShort(); // name
                        addDescriptor(utf8[in.readUnsignedShort()]);
                        readAttributes(in, thisClass);
                    }
                }
                default -> in.skipNBytes(length);
            }
        }
    }

    /**
     * Only this class's own entry counts (its outer class, which reflection resolves): entries for its nested
     * classes are names only, and a nested class nothing uses may be absent.
     */
    private void readInnerClasses(DataInputStream in, String thisClass) throws IOException {
        int classes = in.readUnsignedShort();
        for (int c = 0; c < classes; c++) {
            int inner = in.readUnsignedShort();
            int outer = in.readUnsignedShort();
            in.readUnsignedShort(); // simple name
            in.readUnsignedShort(); // flags
            if (inner != 0 && outer != 0 && utf8[first[inner]].equals(thisClass)) {
                use(outer);
            }
        }
    }

    private void readBootstrapMethods(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        bootstrapMethods = new int[count][];
        for (int b = 0; b < count; b++) {
            int handle = in.readUnsignedShort();
            int arguments = in.readUnsignedShort();
            int[] method = new int[arguments + 1];
            method[0] = handle;
            for (int a = 0; a < arguments; a++) {
                method[a + 1] = in.readUnsignedShort();
            }
            bootstrapMethods[b] = method;
        }
    }

    /** The bytecode (§6.5) for its constant-pool operands, then the exception table and nested attributes. */
    private void readCode(DataInputStream in, String thisClass) throws IOException {
        in.readUnsignedShort(); // max stack
        in.readUnsignedShort(); // max locals
        byte[] code = new byte[in.readInt()];
        in.readFully(code);
        int pc = 0;
        while (pc < code.length) {
            int opcode = code[pc] & 0xFF;
            switch (opcode) {
                case 0x12 -> use(code[pc + 1] & 0xFF); // ldc
                case 0x13, 0x14, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xbb, 0xbd, 0xc0, 0xc1, 0xc5 ->
                        use(((code[pc + 1] & 0xFF) << 8) | (code[pc + 2] & 0xFF));
                default -> {
                    // no constant-pool operand
                }
            }
            pc += instructionLength(code, pc, opcode);
        }
        int handlers = in.readUnsignedShort();
        for (int h = 0; h < handlers; h++) {
            in.readUnsignedShort(); // start
            in.readUnsignedShort(); // end
            in.readUnsignedShort(); // handler
            int catchType = in.readUnsignedShort();
            if (catchType != 0) {
                use(catchType);
            }
        }
        readAttributes(in, thisClass);
    }

    private static int instructionLength(byte[] code, int pc, int opcode) {
        if (opcode == 0xaa || opcode == 0xab) { // tableswitch, lookupswitch: padded to a multiple of four
            int at = (pc + 4) & ~3;
            if (opcode == 0xaa) {
                int low = intAt(code, at + 4);
                int high = intAt(code, at + 8);
                return at - pc + 12 + (high - low + 1) * 4;
            }
            return at - pc + 8 + intAt(code, at + 4) * 8;
        }
        if (opcode == 0xc4) { // wide
            return (code[pc + 1] & 0xFF) == 0x84 ? 6 : 4;
        }
        if (opcode == 0x10 || opcode == 0x12 || (opcode >= 0x15 && opcode <= 0x19) || (opcode >= 0x36 && opcode <= 0x3a)
                || opcode == 0xa9 || opcode == 0xbc) {
            return 2;
        }
        if (opcode == 0x11 || opcode == 0x13 || opcode == 0x14 || opcode == 0x84 || (opcode >= 0x99 && opcode <= 0xa8)
                || (opcode >= 0xb2 && opcode <= 0xb8) || opcode == 0xbb || opcode == 0xbd || opcode == 0xc0 || opcode == 0xc1
                || opcode == 0xc6 || opcode == 0xc7) {
            return 3;
        }
        if (opcode == 0xc5) {
            return 4;
        }
        if (opcode == 0xb9 || opcode == 0xba || opcode == 0xc8 || opcode == 0xc9) {
            return 5;
        }
        return 1;
    }

    private static int intAt(byte[] code, int at) {
        return ((code[at] & 0xFF) << 24) | ((code[at + 1] & 0xFF) << 16) | ((code[at + 2] & 0xFF) << 8) | (code[at + 3] & 0xFF);
    }

    /** Stack map frames (§4.7.4): the class of each {@code Object_variable_info}. */
    private void readStackMap(DataInputStream in) throws IOException {
        int frames = in.readUnsignedShort();
        for (int f = 0; f < frames; f++) {
            int type = in.readUnsignedByte();
            if (type < 64) {
                continue; // same_frame
            }
            if (type < 128) {
                readVerificationType(in);
            } else if (type == 247) {
                in.readUnsignedShort();
                readVerificationType(in);
            } else if (type >= 248 && type <= 251) {
                in.readUnsignedShort(); // chop, same_frame_extended
            } else if (type >= 252 && type <= 254) {
                in.readUnsignedShort();
                for (int k = 0; k < type - 251; k++) {
                    readVerificationType(in);
                }
            } else if (type == 255) {
                in.readUnsignedShort();
                for (int group = 0; group < 2; group++) { // locals, then stack
                    int items = in.readUnsignedShort();
                    for (int k = 0; k < items; k++) {
                        readVerificationType(in);
                    }
                }
            }
        }
    }

    private void readVerificationType(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        if (tag == 7) {
            use(in.readUnsignedShort());
        } else if (tag == 8) {
            in.readUnsignedShort(); // uninitialized: an offset
        }
    }

    private void readAnnotations(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            readAnnotation(in);
        }
    }

    private void readAnnotation(DataInputStream in) throws IOException {
        addDescriptor(utf8[in.readUnsignedShort()]);
        int pairs = in.readUnsignedShort();
        for (int i = 0; i < pairs; i++) {
            in.readUnsignedShort(); // element name
            readElementValue(in);
        }
    }

    private void readElementValue(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case 'e' -> {
                addDescriptor(utf8[in.readUnsignedShort()]);
                in.readUnsignedShort(); // constant name
            }
            case 'c' -> addDescriptor(utf8[in.readUnsignedShort()]); // a return descriptor: "V" or a field type
            case '@' -> readAnnotation(in);
            case '[' -> {
                int values = in.readUnsignedShort();
                for (int i = 0; i < values; i++) {
                    readElementValue(in);
                }
            }
            default -> in.readUnsignedShort(); // constant values: B C D F I J S Z s
        }
    }

    /** Field and method descriptors (§4.3): every {@code L<name>;} in them. */
    private void addDescriptor(String descriptor) {
        int at = descriptor.indexOf('L');
        while (at >= 0) {
            int end = descriptor.indexOf(';', at);
            names.add(descriptor.substring(at + 1, end));
            at = descriptor.indexOf('L', end);
        }
    }

    /**
     * Generic signatures (§4.7.9.1): formal type parameters with their bounds first, then types; class types may
     * carry type arguments and name inner classes after a dot ({@code Lp/Outer<TT;>.Inner;} is {@code p/Outer$Inner});
     * type variables ({@code TT;}) name no class.
     */
    private void addSignature(String signature) {
        int i = 0;
        if (signature.startsWith("<")) {
            i = 1;
            while (signature.charAt(i) != '>') {
                i = signature.indexOf(':', i); // after the parameter's name
                while (signature.charAt(i) == ':') {
                    i++;
                    char c = signature.charAt(i);
                    if (c == 'L' || c == 'T' || c == '[') {
                        i = type(signature, i);
                    }
                }
            }
            i++;
        }
        while (i < signature.length()) {
            char c = signature.charAt(i);
            i = c == 'L' || c == 'T' ? type(signature, i) : i + 1; // ( ) ^ [ and primitive letters
        }
    }

    private int type(String signature, int start) {
        int i = start;
        while (signature.charAt(i) == '[') {
            i++;
        }
        return switch (signature.charAt(i)) {
            case 'L' -> classTypeSignature(signature, i + 1);
            case 'T' -> signature.indexOf(';', i) + 1;
            default -> i + 1;
        };
    }

    private int classTypeSignature(String signature, int start) {
        var name = new StringBuilder();
        int i = start;
        while (true) {
            char c = signature.charAt(i);
            if (c == ';') {
                names.add(name.toString());
                return i + 1;
            } else if (c == '<') {
                i = typeArguments(signature, i + 1);
            } else if (c == '.') {
                names.add(name.toString());
                name.append('$');
                i++;
            } else {
                name.append(c);
                i++;
            }
        }
    }

    private int typeArguments(String signature, int start) {
        int i = start;
        while (signature.charAt(i) != '>') {
            char c = signature.charAt(i);
            i = c == '*' || c == '+' || c == '-' ? i + 1 : type(signature, i);
        }
        return i + 1;
    }
}
