/*
 * Python 3.8-3.14 parser grammar for memlint, written from the Python Language Reference's grammar
 * (PEG) recast as an LL(1)-leaning ANTLR grammar so that SLL prediction is fast and never needs
 * the full-context fallback on valid input:
 *  - alternatives are left-factored; targets, keyword arguments, parameter order, dict-vs-set
 *    displays and walrus targets are parsed as general expressions and checked by the AST builder;
 *  - binary operators of one precedence band are parsed as a flat list (`expr`), the builder
 *    applies precedence;
 *  - soft keywords (match, case, type, _) are resolved before parsing (SoftKeywords): a MATCH,
 *    CASE or TYPE token reaching this grammar is a keyword, everywhere else they are NAMEs.
 */
parser grammar PythonParser;

options { tokenVocab=PythonLexer; contextSuperClass=dev.memlint.parse.CompactContext; }

file_input: (NEWLINE | stmt)* EOF;

stmt: compound_stmt | simple_stmts;

// `a; ; b` is parsed and rejected by the builder, which keeps every decision here LL(1).
simple_stmts: simple_stmt (SEMI simple_stmt?)* NEWLINE;

simple_stmt
    : expr_stmt                                            # exprStmt
    | DEL exprlist                                         # delStmt
    | PASS                                                 # passStmt
    | BREAK                                                # breakStmt
    | CONTINUE                                             # continueStmt
    | RETURN testlist_star_expr?                           # returnStmt
    | RAISE (test (FROM test)?)?                           # raiseStmt
    | GLOBAL NAME (COMMA NAME)*                            # globalStmt
    | NONLOCAL NAME (COMMA NAME)*                          # nonlocalStmt
    | IMPORT dotted_as_name (COMMA dotted_as_name)*        # importName
    | FROM (DOT | ELLIPSIS)* dotted_name? IMPORT import_targets   # importFrom
    | ASSERT test (COMMA test)?                            # assertStmt
    | TYPE NAME type_params? EQUAL test                    # typeStmt
    ;

expr_stmt
    : (yield_expr | testlist_star_expr)
      ( COLON test (EQUAL (yield_expr | testlist_star_expr))?
      | augassign (yield_expr | testlist_star_expr)
      | (EQUAL (yield_expr | testlist_star_expr))*
      )
    ;

augassign
    : PLUSEQUAL | MINEQUAL | STAREQUAL | ATEQUAL | SLASHEQUAL | PERCENTEQUAL | AMPEREQUAL | VBAREQUAL
    | CIRCUMFLEXEQUAL | LEFTSHIFTEQUAL | RIGHTSHIFTEQUAL | DOUBLESTAREQUAL | DOUBLESLASHEQUAL
    ;

dotted_as_name: dotted_name (AS NAME)?;
dotted_name: NAME (DOT NAME)*;

import_targets
    : STAR
    | LPAR import_as_name (COMMA import_as_name)* COMMA? RPAR
    | import_as_name (COMMA import_as_name)*
    ;
import_as_name: NAME (AS NAME)?;

compound_stmt
    : if_stmt
    | while_stmt
    | for_stmt
    | try_stmt
    | with_stmt
    | funcdef
    | classdef
    | decorated
    | async_stmt
    | match_stmt
    ;

async_stmt: ASYNC (funcdef | with_stmt | for_stmt);

if_stmt: IF namedexpr_test COLON block elif_clause* else_clause?;
elif_clause: ELIF namedexpr_test COLON block;
else_clause: ELSE COLON block;

while_stmt: WHILE namedexpr_test COLON block else_clause?;

for_stmt: FOR exprlist IN testlist_star_expr COLON block else_clause?;

try_stmt
    : TRY COLON block
      ( except_clause+ else_clause? finally_clause?
      | finally_clause
      )
    ;
// `except A, B:` (3.14) and `except A, B as e` are told apart by the builder.
except_clause: EXCEPT STAR? (test (COMMA test)* (AS NAME)?)? COLON block;
finally_clause: FINALLY COLON block;

// The parenthesized form comes first: `with (a, b):` is two items (3.9+), as in CPython.
with_stmt
    : WITH ( LPAR with_item (COMMA with_item)* COMMA? RPAR
           | with_item (COMMA with_item)*
           ) COLON block
    ;
with_item: test (AS expr)?;

funcdef: DEF NAME type_params? parameters (RARROW test)? COLON block;

parameters: LPAR (param (COMMA param)* COMMA?)? RPAR;
param
    : NAME (COLON test)? (EQUAL test)?
    | SLASH
    | STAR (NAME (COLON (test | star_expr))?)?
    | DOUBLESTAR NAME (COLON test)?
    ;

classdef: CLASS NAME type_params? (LPAR arglist? RPAR)? COLON block;

decorated: decorator+ (classdef | funcdef | async_stmt);
decorator: AT namedexpr_test NEWLINE;

type_params: LSQB type_param (COMMA type_param)* COMMA? RSQB;
type_param
    : NAME (COLON test)? (EQUAL test)?
    | STAR NAME (EQUAL (test | star_expr))?
    | DOUBLESTAR NAME (EQUAL test)?
    ;

block
    : simple_stmts
    | NEWLINE INDENT stmt+ DEDENT
    ;

match_stmt: MATCH testlist_star_named COLON NEWLINE INDENT case_block+ DEDENT;
case_block: CASE patterns (IF namedexpr_test)? COLON block;

// Patterns. Capture, wildcard, value and class patterns share `name_or_attr`; the builder
// tells them apart.
patterns: maybe_star_pattern (COMMA maybe_star_pattern)* COMMA?;
pattern: or_pattern (AS NAME)?;
or_pattern: closed_pattern (VBAR closed_pattern)*;
closed_pattern
    : literal_pattern                                            # literalPattern
    | name_or_attr (LPAR (pattern_arg (COMMA pattern_arg)* COMMA?)? RPAR)?   # namePattern
    | LPAR (maybe_star_pattern (COMMA maybe_star_pattern)* COMMA?)? RPAR    # parenPattern
    | LSQB (maybe_star_pattern (COMMA maybe_star_pattern)* COMMA?)? RSQB    # listPattern
    | LBRACE (mapping_item (COMMA mapping_item)* COMMA?)? RBRACE           # mappingPattern
    ;
literal_pattern
    : MINUS? NUMBER ((PLUS | MINUS) NUMBER)?
    | strings
    | NONE
    | TRUE
    | FALSE
    ;
name_or_attr: NAME (DOT NAME)*;
pattern_arg: NAME EQUAL pattern | pattern;
maybe_star_pattern: STAR NAME | pattern;
mapping_item: DOUBLESTAR NAME | (literal_pattern | name_or_attr) COLON pattern;

// Expressions.
testlist_star_expr: (test | star_expr) (COMMA (test | star_expr))* COMMA?;
testlist_star_named: (namedexpr_test | star_expr) (COMMA (namedexpr_test | star_expr))* COMMA?;
exprlist: (expr | star_expr) (COMMA (expr | star_expr))* COMMA?;

namedexpr_test: test (COLONEQUAL test)?;

// `and`/`or` chains, `not` prefixes, comparisons and unary prefixes are flat lists the builder
// structures. An operand of `and`/`or` is NOT* expr (comp_op expr)*, written out rather than a rule
// of its own: a plain name costs four rule contexts instead of ten.
test
    : NOT* expr (comp_op expr)* ((AND | OR) NOT* expr (comp_op expr)*)* (IF or_test ELSE test)?
    | lambdef
    ;

lambdef: LAMBDA (lambda_param (COMMA lambda_param)* COMMA?)? COLON test;
lambda_param
    : NAME (EQUAL test)?
    | SLASH
    | STAR NAME?
    | DOUBLESTAR NAME
    ;

or_test: NOT* expr (comp_op expr)* ((AND | OR) NOT* expr (comp_op expr)*)*;
comp_op: LESS | GREATER | EQEQUAL | GREATEREQUAL | LESSEQUAL | NOTEQUAL | IN | NOT IN | IS NOT?;

star_expr: STAR expr;

// All binary operators from `|` down to `@`: precedence is applied by the builder.
expr
    : factor
      ( (VBAR | CIRCUMFLEX | AMPER | LEFTSHIFT | RIGHTSHIFT | PLUS | MINUS | STAR | SLASH | PERCENT
        | DOUBLESLASH | AT) factor
      )*
    ;
// The atom is written out here rather than as a rule of its own: every operand of every expression
// is a factor, and one context less per operand is a sixth of the parse tree.
factor
    : (PLUS | MINUS | TILDE)* AWAIT?
      ( LPAR (yield_expr | testlist_comp)? RPAR
      | LSQB testlist_comp? RSQB
      | LBRACE dictorsetmaker? RBRACE
      | NAME
      | NUMBER
      | strings
      | ELLIPSIS
      | NONE
      | TRUE
      | FALSE
      )
      trailer* (DOUBLESTAR factor)?
    ;


trailer
    : LPAR arglist? RPAR
    | LSQB subscript (COMMA subscript)* COMMA? RSQB
    | DOT NAME
    ;

testlist_comp
    : (namedexpr_test | star_expr) (comp_for | (COMMA (namedexpr_test | star_expr))* COMMA?)
    ;

// Dict and set displays share one shape; the builder checks every entry is of the same kind.
dictorsetmaker: dict_or_set_item (comp_for | (COMMA dict_or_set_item)* COMMA?);
dict_or_set_item
    : DOUBLESTAR expr
    | star_expr
    | namedexpr_test (COLON test)?
    ;

subscript
    : namedexpr_test (COLON test? (COLON test?)?)?
    | COLON test? (COLON test?)?
    | star_expr
    ;

arglist: argument (COMMA argument)* COMMA?;
argument
    : namedexpr_test (comp_for | EQUAL test)?
    | STAR test
    | DOUBLESTAR test
    ;

comp_for: comp_clause+;
comp_clause: ASYNC? FOR exprlist IN or_test (IF or_test)*;

yield_expr: YIELD (FROM test | testlist_star_expr)?;

strings: (STRING | fstring | tstring)+;

fstring: FSTRING_START (FSTRING_MIDDLE | fstring_field)* FSTRING_END;
tstring: TSTRING_START (TSTRING_MIDDLE | fstring_field)* TSTRING_END;
// A bare generator expression is valid in a field before 3.12 (CPython parsed the field in parentheses).
fstring_field
    : LBRACE (yield_expr | testlist_star_expr comp_for?) EQUAL? (EXCLAMATION NAME)?
      (COLON (FSTRING_MIDDLE | TSTRING_MIDDLE | fstring_field)*)? RBRACE
    ;
