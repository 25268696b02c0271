package shop;

class FirstOrdersTest extends OrdersTestClass {}
